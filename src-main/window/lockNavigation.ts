import type { WebContents } from 'electron';
import type { Logger } from '../log/Logger';
import { navigationDecision } from './security';

/**
 * Locks a web contents to Parley's own pages: in-app navigation only, web and mail links to the
 * system browser, no new windows, no <webview>. Applied to every web contents the app creates.
 */
export function lockNavigation(contents: WebContents, openExternal: (url: string) => void, logger: Logger): void {
  const guard = (event: { url: string; preventDefault(): void }): void => {
    const decision = navigationDecision(event.url);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-externally') openExternal(event.url);
    else logger.warn(`navigation | blocked ${event.url.slice(0, 200)}`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url) !== 'deny') openExternal(url);
    else logger.warn(`window.open | blocked ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}
