/**
 * The security decisions of the main window, as pure functions so they are tested without
 * Electron: what counts as Parley's own content, the Content-Security-Policy, where the window may
 * navigate, which links leave for the system browser, and which permissions are granted.
 */
import { WEB_CLIENT_CSP } from '../../src-common/contentSecurityPolicy';

/** Parley's pages are served from this privileged, secure custom scheme (see appProtocol.ts). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'parley';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** True for a URL of Parley's own content, and nothing that merely looks like it. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Same as isAppUrl for an origin as Chromium reports it (`app://parley`, no path). */
export function isAppOrigin(origin: string): boolean {
  return origin === APP_ORIGIN || isAppUrl(origin);
}

/**
 * The CSP of every page the app serves. Scripts, styles, fonts and images come only from the app
 * itself (no inline script, no eval); media may be local streams; the only network connections
 * are signaling WebSockets to the meeting server the user chose (any host: servers are chosen
 * at run time, and WebSockets carry no ambient credentials here). A Parley server serves its web
 * client with the same policy.
 */
export function contentSecurityPolicy(): string {
  return WEB_CLIENT_CSP;
}

export type NavigationDecision = 'allow' | 'open-externally' | 'deny';

/**
 * In-window navigation stays inside the app; web and mail links go to the system's browser or
 * mail client; everything else (file:, javascript:, data:, other custom schemes) goes nowhere.
 */
export function navigationDecision(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' || protocol === 'mailto:' ? 'open-externally' : 'deny';
  } catch {
    return 'deny';
  }
}

/** What Parley's pages may ask for: camera/mic, screen capture, speaker choice, fullscreen, copying links. */
const GRANTED_TO_APP = new Set(['media', 'display-capture', 'speaker-selection', 'fullscreen', 'clipboard-sanitized-write']);

export interface PermissionQuestion {
  permission: string;
  /** The URL or origin of the frame asking. */
  requestingUrl: string;
  /** For 'media': which devices ('audio', 'video'); anything else is refused. */
  mediaTypes?: readonly string[] | undefined;
  /** Whether the asking frame is the top frame of its window. */
  isMainFrame?: boolean | undefined;
}

/** Grants the app's own top-level content what it needs and nobody anything else. */
export function permissionDecision({ permission, requestingUrl, mediaTypes, isMainFrame }: PermissionQuestion): boolean {
  if (!isAppOrigin(requestingUrl) || isMainFrame === false) return false;
  if (!GRANTED_TO_APP.has(permission)) return false;
  if (permission === 'media' && mediaTypes) return mediaTypes.every((t) => t === 'audio' || t === 'video');
  return true;
}
