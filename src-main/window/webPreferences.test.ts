import { describe, expect, it } from 'vitest';
import { shareWindowOptions } from './shareWindow';
import { secureWebPreferences } from './webPreferences';

describe('the web preferences of every window', () => {
  it.each([
    ['isolates the preload from the page (checklist 3)', 'contextIsolation', true],
    ['sandboxes the renderer (checklist 4)', 'sandbox', true],
    ['gives the page no Node (checklist 2)', 'nodeIntegration', false],
    ['gives workers no Node (checklist 2)', 'nodeIntegrationInWorker', false],
    ['gives frames no Node (checklist 2)', 'nodeIntegrationInSubFrames', false],
    ['keeps web security on (checklist 6)', 'webSecurity', true],
    ['runs no insecure content (checklist 8)', 'allowRunningInsecureContent', false],
    ['enables no experimental features (checklist 9)', 'experimentalFeatures', false],
    ['allows no <webview> (checklist 11, 12)', 'webviewTag', false],
    ['does not navigate on a drop (checklist 13)', 'navigateOnDragDrop', false],
    ['stops dialog loops', 'safeDialogs', true],
  ] as const)('%s', (_what, key, value) => {
    expect(secureWebPreferences({ preload: '/p.cjs' })[key]).toBe(value);
    expect(shareWindowOptions('').webPreferences?.[key]).toBe(value);
  });

  it('enables no extra Blink features (checklist 10)', () => {
    expect(secureWebPreferences()).not.toHaveProperty('enableBlinkFeatures');
  });

  it('has developer tools only when asked (development builds), and the preload only in the main window', () => {
    expect(secureWebPreferences().devTools).toBe(false);
    expect(secureWebPreferences({ devTools: true }).devTools).toBe(true);
    expect(secureWebPreferences({ preload: '/p.cjs' }).preload).toBe('/p.cjs');
    expect(shareWindowOptions('').webPreferences).not.toHaveProperty('preload');
  });
});
