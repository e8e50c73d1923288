import type { WebPreferences } from 'electron';

/**
 * The web preferences of every Parley window (main and share pop-out), one item of Electron's
 * security checklist each, spelled out even where it is Electron's default, so an upgrade that
 * changed a default could not loosen them.
 */
export function secureWebPreferences(extra: { preload?: string; devTools?: boolean } = {}): WebPreferences {
  return {
    ...(extra.preload ? { preload: extra.preload } : {}),
    // Checklist 3: the preload's world is separate from the page's.
    contextIsolation: true,
    // Checklist 4: the renderer runs in Chromium's sandbox.
    sandbox: true,
    // Checklist 2: no Node in the page, its workers or its frames.
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    // Checklist 6 and 8: same-origin policy on, no http content inside app:// pages.
    webSecurity: true,
    allowRunningInsecureContent: false,
    // Checklist 9 and 10: no experimental or extra Blink features.
    experimentalFeatures: false,
    // Checklist 11 and 12: no <webview> at all (will-attach-webview refuses it too).
    webviewTag: false,
    // Checklist 13: a dropped file or link does not navigate the window.
    navigateOnDragDrop: false,
    // A page cannot trap the user in a loop of alert() dialogs.
    safeDialogs: true,
    spellcheck: false,
    devTools: extra.devTools ?? false,
  };
}
