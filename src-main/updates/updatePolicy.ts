/**
 * The rules of updating, as plain functions (no Electron): who owns updates on this install, which
 * feed is in use, and how long to wait before the next check. {@link UpdateController} applies
 * them over time.
 */
import { assertUnreachable } from '../../src-common/errors';
import type { UpdateFeed, UpdatesOff } from '../../src-common/ipc/updater';

/** How this copy of Parley was installed, which decides whether it may replace itself. */
export type InstallKind = 'development' | 'windows-installer' | 'mac-app' | 'appimage' | 'deb' | 'rpm' | 'pacman' | 'linux-folder';

export interface InstallFacts {
  /** Electron's `app.isPackaged`. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /**
   * The content of `<resources>/package-type`, which electron-builder writes into deb, rpm and
   * pacman packages (and electron-updater reads the same way); null when the file is absent.
   */
  packageType: string | null;
  /** The `APPIMAGE` environment variable the AppImage runtime sets to its own path. */
  appImage: string | undefined;
}

export function detectInstall(facts: InstallFacts): InstallKind {
  if (!facts.isPackaged) return 'development';
  if (facts.platform === 'win32') return 'windows-installer';
  if (facts.platform === 'darwin') return 'mac-app';
  const packageType = facts.packageType?.trim();
  if (packageType === 'deb' || packageType === 'rpm' || packageType === 'pacman') return packageType;
  if (facts.appImage) return 'appimage';
  return 'linux-folder';
}

/** Why updates are off, with the sentence the settings show; null when the app updates itself. */
export function updatesOff(kind: InstallKind, feed: UpdateFeed): { why: UpdatesOff; reason: string } | null {
  switch (kind) {
    case 'deb':
    case 'rpm':
    case 'pacman':
      return {
        why: 'package-manager',
        reason: `Parley was installed as a ${kind === 'pacman' ? 'pacman' : `.${kind}`} package, so your system's package manager updates it.`,
      };
    case 'development':
      return { why: 'development', reason: 'This is a development copy of Parley; it does not update itself.' };
    case 'linux-folder':
      return { why: 'unsupported', reason: 'This copy of Parley cannot replace itself; the AppImage, .deb and .rpm versions keep up to date.' };
    case 'windows-installer':
    case 'mac-app':
    case 'appimage':
      return feed.url === null ? { why: 'no-feed', reason: 'No update feed is set for this installation.' } : null;
    default:
      return assertUnreachable(kind);
  }
}

/**
 * `.invalid` never resolves (RFC 2606): the build puts a feed there when it was given none, and
 * it means "no feed" rather than a feed that fails forever.
 */
export function isPlaceholderFeed(url: string): boolean {
  try {
    return new URL(url).hostname.endsWith('.invalid');
  } catch {
    return true;
  }
}

/** The feed in use: the user's choice, else the environment's (managed installs), else the build's. */
export function resolveFeed(sources: { user: string | null; environment: string | undefined; build: string | null }): UpdateFeed {
  const usable = (url: string | null | undefined): url is string => typeof url === 'string' && url.trim() !== '' && !isPlaceholderFeed(url);
  if (usable(sources.user)) return { url: withSlash(sources.user), source: 'user' };
  if (usable(sources.environment)) return { url: withSlash(sources.environment), source: 'environment' };
  if (usable(sources.build)) return { url: withSlash(sources.build), source: 'build' };
  return { url: null, source: 'none' };
}

/** A generic feed is a folder: electron-updater resolves `latest.yml` against it. */
function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** When to check: shortly after start (not while the window is still opening), then every few hours. */
export interface CheckSchedule {
  startDelayMs: number;
  intervalMs: number;
  /** The first retry after a failure; each further failure doubles it, up to `intervalMs`. */
  retryBaseMs: number;
}

export const defaultSchedule: Readonly<CheckSchedule> = Object.freeze({
  startDelayMs: 30_000,
  intervalMs: 4 * 60 * 60_000,
  retryBaseMs: 60_000,
});

/**
 * The wait before retrying after `failures` consecutive failures (1 for the first): doubling from
 * `retryBaseMs`, never beyond the regular interval, spread by +-20% with `random` (0..1) so that a
 * whole office whose feed went down does not retry in lockstep.
 */
export function retryDelayMs(failures: number, schedule: CheckSchedule, random: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const base = Math.min(schedule.intervalMs, schedule.retryBaseMs * 2 ** exponent);
  const spread = 0.8 + 0.4 * Math.min(1, Math.max(0, random));
  return Math.round(Math.min(schedule.intervalMs, base * spread));
}
