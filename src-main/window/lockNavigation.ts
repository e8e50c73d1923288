import type { WebContents } from 'electron';
import type { Logger } from '../log/Logger';
import { navigationDecision } from './security';
import { isShareWindowUrl, shareWindowOptions } from './shareWindow';

/**
 * Locks a web contents to Parley's own pages: in-app navigation only, web and mail links to the
 * system browser, no new windows but the pop-out of a shared screen, no <webview>. Applied to every
 * web contents the app creates (the pop-out's too).
 */
export function lockNavigation(contents: WebContents, openExternal: (url: string) => void, logger: Logger, icon = ''): void {
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
    if (isShareWindowUrl(url) && isShareWindowOpener(contents)) return { action: 'allow', overrideBrowserWindowOptions: shareWindowOptions(icon) };
    if (navigationDecision(url) !== 'deny') openExternal(url);
    else logger.warn(`window.open | blocked ${url.slice(0, 200)}`);
    return { action: 'deny' };
  });
}

/** Only a page of the app opens the pop-out (not the pop-out itself, nor anything else). */
function isShareWindowOpener(contents: WebContents): boolean {
  const url = contents.getURL();
  return navigationDecision(url) === 'allow' && !isShareWindowUrl(url);
}
