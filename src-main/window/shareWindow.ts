import type { BrowserWindowConstructorOptions } from 'electron';
import { SHARE_WINDOW_PATH } from '../../src-common/ipc/app';
import { isAppUrl } from './security';
import { secureWebPreferences } from './webPreferences';

/** True only for the pop-out page of a shared screen (no query, no fragment, nothing after it). */
export function isShareWindowUrl(url: string): boolean {
  if (!isAppUrl(url)) return false;
  const parsed = new URL(url);
  return parsed.pathname === SHARE_WINDOW_PATH && parsed.search === '' && parsed.hash === '';
}

/**
 * The pop-out window of a shared screen: a plain window with the main window's security
 * settings (isolated, sandboxed, no Node), served the same CSP by the app:// protocol. It closes
 * with its opener.
 */
export function shareWindowOptions(icon: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 760,
    minWidth: 320,
    minHeight: 180,
    title: 'Shared screen – Parley',
    icon,
    backgroundColor: '#000000',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(),
  };
}
