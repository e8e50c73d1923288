/**
 * Updates of the desktop app: what the updater is doing (for the settings and the "Restart to
 * update" banner), checking on demand, restarting into a downloaded update, and the feed it uses.
 * The policy (when to check, never during a meeting, off where a package manager owns updates)
 * lives in the main process; the renderer only shows it.
 */
import { z } from 'zod';
import { defineContract, emptyInput, type EmptyInput } from './contract';

/** Why updates are off on this install; the UI says it in words ({@link UpdateStatus} `reason`). */
export const updatesOffSchema = z.enum([
  /** Installed from a .deb or .rpm: apt, dnf or the like update Parley. */
  'package-manager',
  /** Running from a development checkout, not an installed app. */
  'development',
  /** No update feed is configured for this install. */
  'no-feed',
  /** A kind of install that cannot replace itself (an unpacked folder); the AppImage, .deb or .rpm can. */
  'unsupported',
]);
export type UpdatesOff = z.infer<typeof updatesOffSchema>;

/** An update feed: the folder holding `latest.yml` (or `latest-mac.yml`, `latest-linux.yml`) and the installers. */
export const feedUrlSchema = z
  .string()
  .max(2048)
  .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i, 'an update feed is an http:// or https:// folder address');

const version = z.string().min(1).max(64);
const time = z.number().int().nonnegative();

/** What the updater is doing; one of these at a time. */
export const updateStatusSchema = z.discriminatedUnion('state', [
  /** Updates are off here; `reason` says why in words for the user. */
  z.strictObject({ state: z.literal('off'), why: updatesOffSchema, reason: z.string().max(400) }),
  /** Waiting for the next check; `lastCheckedAt` is absent before the first. */
  z.strictObject({ state: z.literal('idle'), lastCheckedAt: time.optional(), nextCheckAt: time, upToDate: z.boolean() }),
  z.strictObject({ state: z.literal('checking') }),
  /** A newer version is being downloaded in the background. */
  z.strictObject({
    state: z.literal('downloading'),
    version,
    percent: z.number().min(0).max(100),
    transferredBytes: z.number().nonnegative(),
    totalBytes: z.number().nonnegative(),
  }),
  /**
   * Downloaded and verified; installs when Parley quits, or now if the user restarts outside a
   * meeting (`canRestartNow` false while in one).
   */
  z.strictObject({ state: z.literal('ready'), version, canRestartNow: z.boolean() }),
  /** The last check or download failed; the next attempt is at `retryAt` (backing off). */
  z.strictObject({ state: z.literal('error'), message: z.string().max(400), retryAt: time }),
]);
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const updateFeedSchema = z.strictObject({
  /** The feed in use, or null when none is configured. */
  url: feedUrlSchema.nullable(),
  /** Where it comes from: the user's choice, the PARLEY_UPDATE_URL environment variable, or the build. */
  source: z.enum(['user', 'environment', 'build', 'none']),
});
export type UpdateFeed = z.infer<typeof updateFeedSchema>;

export const setFeedInput = z.strictObject({
  /** A feed folder (a Parley host's `/updates/`, a web server's folder), or null to go back to the default. */
  url: feedUrlSchema.nullable(),
});
export type SetFeedInput = z.infer<typeof setFeedInput>;

/** The desktop app's updater; served by the main process. */
export interface UpdaterService {
  /** What the updater is doing now. */
  getStatus(input: EmptyInput): Promise<UpdateStatus>;
  /** Checks now instead of at the next scheduled time; answers the status after asking. UNAVAILABLE when updates are off. */
  checkNow(input: EmptyInput): Promise<UpdateStatus>;
  /**
   * Quits and installs the downloaded update. FORBIDDEN during a meeting (it installs when Parley
   * quits, or when the user asks again after the meeting); NOT_FOUND when nothing is downloaded.
   */
  restartToUpdate(input: EmptyInput): Promise<void>;
  /** The feed in use. */
  getFeed(input: EmptyInput): Promise<UpdateFeed>;
  /** Chooses the feed (kept across restarts) and checks it soon. */
  setFeed(input: SetFeedInput): Promise<UpdateFeed>;
}

export const updaterContract = defineContract<UpdaterService>()({
  getStatus: { input: emptyInput, output: updateStatusSchema },
  checkNow: { input: emptyInput, output: updateStatusSchema },
  restartToUpdate: { input: emptyInput, output: z.void() },
  getFeed: { input: emptyInput, output: updateFeedSchema },
  setFeed: { input: setFeedInput, output: updateFeedSchema },
});
