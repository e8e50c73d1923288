/**
 * Checklist 15: `shell.openExternal` only ever gets a web or mail link. The OS hands the URL to
 * whatever handles its scheme, so a `file:`, `smb:` or custom-scheme URL from a page (or from a
 * chat message a page turned into a link) could open or run something local. Checked again here,
 * right before the call, whatever checked it before (the IPC contract, the navigation lock).
 */
const MAX_EXTERNAL_URL = 2048;

export function isSafeExternalUrl(url: string): boolean {
  if (url.length > MAX_EXTERNAL_URL) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'mailto:') return parsed.pathname.length > 0;
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  // No `user:password@` (it disguises the real host), and a real host.
  return parsed.username === '' && parsed.password === '' && parsed.hostname.length > 0;
}

/** Wraps the real `shell.openExternal` so nothing else reaches it. */
export function guardedOpenExternal(
  open: (url: string) => Promise<void>,
  warn: (message: string) => void,
): (url: string) => Promise<void> {
  return async (url) => {
    if (!isSafeExternalUrl(url)) {
      warn(`openExternal | refused ${url.slice(0, 200)}`);
      return;
    }
    await open(url);
  };
}
