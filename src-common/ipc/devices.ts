/**
 * Device choices and screen sources. The renderer captures and enumerates media itself (only it
 * can); the desktop app's main process keeps the choices across restarts and lists the screens
 * and windows that can be shared (desktopCapturer), because the renderer cannot.
 */
import { z } from 'zod';
import { defineContract, emptyInput, type EmptyInput } from './contract';

/** The user's media choices. A device id of undefined means the system default. */
export interface MediaPreferences {
  displayName: string;
  cameraId: string | undefined;
  microphoneId: string | undefined;
  speakerId: string | undefined;
  micMuted: boolean;
  cameraOff: boolean;
}

export const defaultPreferences: Readonly<MediaPreferences> = Object.freeze({
  displayName: '',
  cameraId: undefined,
  microphoneId: undefined,
  speakerId: undefined,
  micMuted: false,
  cameraOff: false,
});

export const MAX_DEVICE_ID = 511;
const deviceId = z.string().min(1).max(MAX_DEVICE_ID);

/** Fills in the keys an optional field leaves out, so the result is a complete MediaPreferences. */
function complete(p: Partial<MediaPreferences>): MediaPreferences {
  return {
    displayName: p.displayName ?? '',
    cameraId: p.cameraId,
    microphoneId: p.microphoneId,
    speakerId: p.speakerId,
    micMuted: p.micMuted ?? false,
    cameraOff: p.cameraOff ?? false,
  };
}

/** Strict: what the renderer may send to be saved. */
export const mediaPreferencesSchema = z
  .strictObject({
    displayName: z.string().max(64),
    cameraId: deviceId.optional(),
    microphoneId: deviceId.optional(),
    speakerId: deviceId.optional(),
    micMuted: z.boolean(),
    cameraOff: z.boolean(),
  })
  .transform(complete);

/**
 * Lenient, field by field: what was stored earlier (possibly by another version, possibly
 * damaged). A field of the wrong type falls back to its default; the others are kept.
 */
const storedPreferencesSchema = z
  .object({
    displayName: z
      .string()
      .transform((s) => s.slice(0, 64))
      .catch(''),
    cameraId: deviceId.optional().catch(undefined),
    microphoneId: deviceId.optional().catch(undefined),
    speakerId: deviceId.optional().catch(undefined),
    micMuted: z.boolean().catch(false),
    cameraOff: z.boolean().catch(false),
  })
  .transform(complete);

/** Reads stored preferences of any shape; never throws. */
export function parseStoredPreferences(raw: unknown): MediaPreferences {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ...defaultPreferences };
  const parsed = storedPreferencesSchema.safeParse(raw);
  return parsed.success ? parsed.data : { ...defaultPreferences };
}

/**
 * The device to use for a remembered choice among the devices present now: the remembered one
 * when it is still there, otherwise the system default (undefined), flagged as a fallback so the
 * UI can say so.
 */
export function chooseDevice(
  preferredId: string | undefined,
  available: ReadonlyArray<{ deviceId: string }>,
): { deviceId: string | undefined; fellBack: boolean } {
  if (preferredId === undefined) return { deviceId: undefined, fellBack: false };
  if (available.some((d) => d.deviceId === preferredId)) return { deviceId: preferredId, fellBack: false };
  return { deviceId: undefined, fellBack: true };
}

export const screenSourceKindSchema = z.enum(['screen', 'window']);

/** desktopCapturer ids: `screen:<n>:<n>` or `window:<n>:<n>`. */
export const screenSourceIdSchema = z.string().regex(/^(screen|window):[0-9]+:[0-9-]+$/, 'not a screen source id');

/** Caps on what one source may carry over the bridge (main drops an image over its cap). */
export const MAX_THUMBNAIL_DATA_URL = 512 * 1024;
export const MAX_ICON_DATA_URL = 64 * 1024;
export const MAX_SOURCE_NAME = 256;
/** The widest thumbnail the picker may ask for (height follows 16:9). */
export const MAX_THUMBNAIL_WIDTH = 640;

/** A PNG or JPEG as a base64 data URL of at most `max` characters, or '' for none. */
function imageDataUrl(max: number) {
  return z
    .string()
    .max(max)
    .regex(/^(data:image\/(png|jpeg);base64,[A-Za-z0-9+/]*={0,2})?$/, 'not an image data URL');
}

export const screenSourceSchema = z.strictObject({
  id: screenSourceIdSchema,
  name: z.string().max(MAX_SOURCE_NAME),
  kind: screenSourceKindSchema,
  /** What the screen or window shows now, as a PNG data URL; empty when the OS gave none. */
  thumbnailDataUrl: imageDataUrl(MAX_THUMBNAIL_DATA_URL),
  /** The icon of the application that owns a window; empty for screens and when the OS gave none. */
  appIconDataUrl: imageDataUrl(MAX_ICON_DATA_URL),
});
export type ScreenSource = z.infer<typeof screenSourceSchema>;

export const listScreenSourcesInput = z.strictObject({
  kinds: z.array(screenSourceKindSchema).min(1).max(2).optional(),
  /** Thumbnail width in pixels (height follows 16:9); 0 for none. */
  thumbnailWidth: z.number().int().min(0).max(MAX_THUMBNAIL_WIDTH).optional(),
});
export type ListScreenSourcesInput = z.infer<typeof listScreenSourcesInput>;

export const selectScreenSourceInput = z.strictObject({ sourceId: screenSourceIdSchema });
export type SelectScreenSourceInput = z.infer<typeof selectScreenSourceInput>;

/** Device preferences and screen sources; served by the main process. */
export interface DevicesService {
  /** The saved choices, each field falling back to its default when unreadable. */
  getPreferences(input: EmptyInput): Promise<MediaPreferences>;
  /** Replaces the saved choices. */
  setPreferences(input: MediaPreferences): Promise<void>;
  /** Screens and windows that can be shared, with thumbnails and window icons, for the app's own picker. */
  listScreenSources(input: ListScreenSourcesInput): Promise<ScreenSource[]>;
  /**
   * Chooses what the next `getDisplayMedia()` of this window captures (the app's own picker);
   * the choice is used once. NOT_FOUND when the source is gone.
   */
  selectScreenSource(input: SelectScreenSourceInput): Promise<void>;
}

export const devicesContract = defineContract<DevicesService>()({
  getPreferences: { input: emptyInput, output: mediaPreferencesSchema },
  setPreferences: { input: mediaPreferencesSchema, output: z.void() },
  listScreenSources: { input: listScreenSourcesInput, output: z.array(screenSourceSchema) },
  selectScreenSource: { input: selectScreenSourceInput, output: z.void() },
});
