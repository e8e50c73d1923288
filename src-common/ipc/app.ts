/**
 * The desktop shell around the renderer: which capabilities this window has, the meeting state
 * the tray and menus show, OS notifications, external links, and the commands that the tray and
 * menus send back to the renderer.
 */
import { z } from 'zod';
import { roomIdSchema } from '../validation';
import { defineContract, emptyInput, type EmptyInput } from './contract';

/**
 * Features the UI shows only where they work. `screenSources`: the app lists screens and windows
 * for its own picker; where it is missing, getDisplayMedia() brings up the system's picker
 * (macOS 15+, the PipeWire portal on Wayland, a browser) and the app shows none of its own.
 * `lanHosting`: the app can host a meeting on this network and list the meetings others host.
 */
export const capabilitySchema = z.enum(['history', 'devicePreferences', 'screenSources', 'trayControls', 'notifications', 'lanHosting']);
export type Capability = z.infer<typeof capabilitySchema>;

export const capabilitiesSchema = z.strictObject({
  available: z.array(capabilitySchema),
  /** Each capability this window lacks, with the reason in words for the user. */
  missing: z.array(z.strictObject({ capability: capabilitySchema, reason: z.string() })),
});
export type Capabilities = z.infer<typeof capabilitiesSchema>;

export const meetingStateInput = z.strictObject({
  /** The meeting the window is in, or null outside of one. */
  roomId: roomIdSchema.nullable(),
  micMuted: z.boolean(),
  /** False when there is no microphone to mute or unmute. */
  micAvailable: z.boolean(),
  /** This window is sharing a screen (the tray offers Stop sharing). */
  sharing: z.boolean(),
});
export type MeetingStateInput = z.infer<typeof meetingStateInput>;

export const notifyInput = z.strictObject({
  kind: z.enum(['participant-joined', 'chat-message']),
  title: z.string().min(1).max(120),
  body: z.string().max(400),
});
export type NotifyInput = z.infer<typeof notifyInput>;

/** Links the app may hand to the system: web pages and mail, never file:, javascript: or custom schemes. */
export const externalUrlSchema = z
  .string()
  .max(4096)
  // eslint-disable-next-line no-control-regex
  .regex(/^(https?:\/\/|mailto:)[^\s\u0000-\u001f\u007f]+$/i, 'only http, https and mailto links open outside the app');

/**
 * The page a viewer pops a shared screen out to (`window.open` of this path). It runs no app of
 * its own: the opener renders the share into it, so the same tracks play there. Main lets this
 * one path open as a window, with the main window's security settings.
 */
export const SHARE_WINDOW_PATH = '/share-window';

/** How many chat messages the user has not read yet; shown as a badge on the app's icon (0 clears it). */
export const unreadCountInput = z.strictObject({ count: z.number().int().min(0).max(9999) });
export type UnreadCountInput = z.infer<typeof unreadCountInput>;

/** What the tray and the menus ask the renderer to do. */
export const appCommandSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('toggle-microphone') }),
  z.strictObject({ type: z.literal('leave-meeting') }),
  z.strictObject({ type: z.literal('stop-sharing') }),
  z.strictObject({ type: z.literal('show-history') }),
  z.strictObject({ type: z.literal('show-home') }),
]);
export type AppCommand = z.infer<typeof appCommandSchema>;

/** The desktop shell; served by the main process. */
export interface AppService {
  /** What this window can do, and why not where it cannot. */
  getCapabilities(input: EmptyInput): Promise<Capabilities>;
  /** Tells the tray and menus whether a meeting is on and the mic state. */
  setMeetingState(input: MeetingStateInput): Promise<void>;
  /** An OS notification, shown only while the window is not focused; answers whether it was. */
  notify(input: NotifyInput): Promise<{ shown: boolean }>;
  /** Opens a web or mail link in the system's browser or mail client. */
  openExternal(input: { url: string }): Promise<void>;
  /** The unread chat badge on the app's icon (dock, taskbar, launcher). */
  setUnreadCount(input: UnreadCountInput): Promise<void>;
}

export const appContract = defineContract<AppService>()({
  getCapabilities: { input: emptyInput, output: capabilitiesSchema },
  setMeetingState: { input: meetingStateInput, output: z.void() },
  notify: { input: notifyInput, output: z.strictObject({ shown: z.boolean() }) },
  openExternal: { input: z.strictObject({ url: externalUrlSchema }), output: z.void() },
  setUnreadCount: { input: unreadCountInput, output: z.void() },
});
