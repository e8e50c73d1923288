/**
 * The e2e stand-in for the preload script, bundled into an init script: the same
 * createBridgeObject the preload uses, over a Playwright binding to the real main-process
 * services instead of Electron IPC. Tests push tray/menu commands with __parleyHarnessCommand;
 * the harness pushes main's events with __parleyHarnessEvent.
 * It also stands in for Electron's display-media request handler: getDisplayMedia() first asks
 * main's real handler (through __parleyDisplayMedia), and captures only if it answered a source;
 * an empty answer rejects with NotAllowedError, as Electron does.
 */
import { BRIDGE_KEY } from '../../src-common/ipc/bridge';
import { createBridgeObject } from '../../src-main/preload/bridgeObject';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
type AskDisplayMedia = (audioRequested: boolean) => Promise<{ video?: { id: string; name: string } }>;
const scope = window as unknown as Record<string, unknown> & { __parleyInvoke: Invoke; __parleyDisplayMedia: AskDisplayMedia };
const listeners = new Set<(command: unknown) => void>();
const eventListeners = new Set<(envelope: unknown) => void>();

Object.defineProperty(window, BRIDGE_KEY, {
  value: createBridgeObject({
    invoke: (channel, input) => scope.__parleyInvoke(channel, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    subscribeEvents(listener) {
      eventListeners.add(listener);
      return () => void eventListeners.delete(listener);
    },
  }),
});
// Main's events, pushed by the harness as main's webContents.send would.
Object.defineProperty(window, '__parleyHarnessEvent', {
  value: (envelope: unknown) => {
    for (const listener of eventListeners) listener(envelope);
  },
});
Object.defineProperty(window, '__parleyHarnessCommand', {
  value: (command: unknown) => {
    for (const listener of listeners) listener(command);
  },
});

// Chromium's fake screen (--auto-select-desktop-capture-source) is what gets captured; which
// source main answered is recorded by the harness.
const capture = navigator.mediaDevices.getDisplayMedia.bind(navigator.mediaDevices);
navigator.mediaDevices.getDisplayMedia = async (options?: DisplayMediaStreamOptions): Promise<MediaStream> => {
  const answer = await scope.__parleyDisplayMedia(Boolean(options?.audio));
  if (!answer.video) throw new DOMException('Permission denied', 'NotAllowedError');
  return capture(options);
};
