/**
 * What Parley's web client may load and who may frame it, wherever it is served (the desktop app's
 * own scheme, a Parley server): its own origin only, never framed (clickjacking), signaling over
 * ws/wss, media from capture and blobs, no plugins, no forms, no base rewriting.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self' ws: wss:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
