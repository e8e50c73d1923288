import { SHARE_WINDOW_PATH } from '../../../../src-common/ipc/app';

export interface ShareWindow {
  /** Where to render the share, once the window's page has loaded. */
  readonly container: Promise<HTMLElement>;
  /** Closes the window (the share ended, or was brought back). */
  close(): void;
}

const POLL_MS = 100;

/**
 * Pops a shared screen out to its own window: opens the app's share-window page (same origin,
 * same CSP; in the desktop app main allows exactly this page as a window) and hands back a
 * mount point in it. The opener renders into that window, so the very same tracks play there and
 * no second connection is needed. `onClosed` runs once when the user closes the window.
 * Null when the window could not be opened (a popup blocker).
 */
export function openShareWindow(title: string, onClosed: () => void, scope: Window = window): ShareWindow | null {
  const child = scope.open(SHARE_WINDOW_PATH, `parley-share-${Date.now()}`, 'popup,width=1280,height=760');
  if (!child) return null;
  let done = false;
  let mounted = false;
  let resolve!: (container: HTMLElement) => void;
  const container = new Promise<HTMLElement>((r) => (resolve = r));
  const stop = (): void => {
    done = true;
    clearInterval(timer);
  };
  const closedByUser = (): void => {
    if (done) return;
    stop();
    onClosed();
  };
  const timer = setInterval(() => {
    if (child.closed) return closedByUser();
    if (mounted) return;
    // Until the page has loaded the window shows about:blank.
    if (child.location.pathname !== SHARE_WINDOW_PATH || child.document.readyState !== 'complete') return;
    mounted = true;
    const doc = child.document;
    doc.title = title;
    doc.body.classList.add('share-window');
    const root = doc.createElement('div');
    root.className = 'share-window-root';
    doc.body.append(root);
    child.addEventListener('pagehide', closedByUser);
    resolve(root);
  }, POLL_MS);
  return {
    container,
    close() {
      if (done) return;
      stop();
      child.close();
    },
  };
}
