/**
 * Hosting a meeting on the LAN from the desktop app, and the meetings others host: main runs the
 * SFU in a utility process (crash-isolated from the UI), keeps the certificate, advertises and
 * browses mDNS, and pins the certificates of LAN hosts the user chose to join.
 */
import { z } from 'zod';
import { fingerprintSchema, inviteCodeSchema } from '../invite';
import { admissionSchema } from '../protocol/lobby';
import { displayNameSchema, meetingNameSchema, roomIdSchema, serverUrlSchema } from '../validation';
import { defineContract, emptyInput, type EmptyInput } from './contract';

const httpsServer = serverUrlSchema.refine((s) => s.startsWith('https://'), 'a LAN host is reached over https://');

export const startHostingInput = z.strictObject({
  /** The meeting's name in the header, invites and in others' "Meetings on this network". */
  meetingName: meetingNameSchema,
  /** The host's own name in the meeting. */
  hostName: displayNameSchema,
  admission: admissionSchema.optional(),
});
export type StartHostingInput = z.output<typeof startHostingInput>;

/** The meeting this app hosts, as the invite panel shows it. */
export const hostedMeetingSchema = z.strictObject({
  roomId: roomIdSchema,
  code: inviteCodeSchema,
  meetingName: z.string().max(64),
  /** `https://<lan address>:<port>` */
  server: httpsServer,
  /** `https://<ip>:<port>/j/<code>#fp=<fingerprint>` for browsers. */
  link: z.string().max(512),
  /** `parley://join/<code>?server=...&fp=...` for the app. */
  deepLink: z.string().max(512),
  fingerprint: fingerprintSchema,
  /** The host joins with this token to be the meeting's host. */
  hostToken: z.string().max(2048),
  /** From the Host click to a meeting others can join, in ms. */
  startupMs: z.number().nonnegative(),
});
export type HostedMeeting = z.output<typeof hostedMeetingSchema>;

/** Why there is no hosted meeting although one was started (the host process died). */
export const hostStatusSchema = z.strictObject({
  meeting: hostedMeetingSchema.nullable(),
  /** Set when the host process ended by itself; the app offers to start again. */
  failure: z.string().max(400).nullable(),
});
export type HostStatus = z.output<typeof hostStatusSchema>;

export const discoveredMeetingSchema = z.strictObject({
  id: z.string().max(256),
  name: z.string().max(64),
  code: inviteCodeSchema,
  fingerprint: fingerprintSchema,
  server: httpsServer,
  version: z.string().max(16),
});
export type DiscoveredMeetingInfo = z.output<typeof discoveredMeetingSchema>;

export const pinInput = z.strictObject({ server: httpsServer, fingerprint: fingerprintSchema });
export type PinInput = z.output<typeof pinInput>;

/** LAN hosting and discovery; served by the main process. */
export interface HostService {
  /** Starts hosting (the SFU, the certificate, the meeting, the mDNS advert). One meeting at a time. */
  start(input: StartHostingInput): Promise<HostedMeeting>;
  /** Ends the hosted meeting and stops listening. Safe when nothing is hosted. */
  stop(input: EmptyInput): Promise<void>;
  status(input: EmptyInput): Promise<HostStatus>;
  /** The meetings advertised on this network now. */
  listNearby(input: EmptyInput): Promise<DiscoveredMeetingInfo[]>;
  /** Trusts exactly this certificate for this host (from an invite the user opened or picked). */
  pinCertificate(input: PinInput): Promise<void>;
}

export const hostContract = defineContract<HostService>()({
  start: { input: startHostingInput, output: hostedMeetingSchema },
  stop: { input: emptyInput, output: z.void() },
  status: { input: emptyInput, output: hostStatusSchema },
  listNearby: { input: emptyInput, output: z.array(discoveredMeetingSchema) },
  pinCertificate: { input: pinInput, output: z.void() },
});
