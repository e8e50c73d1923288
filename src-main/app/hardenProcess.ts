/**
 * Process-wide hardening, applied in main.ts before anything else runs.
 * - `app.enableSandbox()`: every renderer is sandboxed, including any window a future change
 *   creates without the shared web preferences (checklist 4).
 * - `umask 077`: files the app writes (history database, preferences, logs) are readable by the
 *   user only, as Signal Desktop does.
 */
export interface HardenTarget {
  enableSandbox: () => void;
  umask: (mask: number) => number;
}

export const OWNER_ONLY_UMASK = 0o077;

export function hardenProcess(target: HardenTarget): void {
  target.enableSandbox();
  target.umask(OWNER_ONLY_UMASK);
}
