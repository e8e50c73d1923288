/**
 * The e2e stand-in for the preload script, bundled into an init script: the same
 * createBridgeObject the preload uses, over a Playwright binding to the real main-process
 * services instead of Electron IPC. Tests push tray/menu commands with __parleyHarnessCommand.
 */
import { BRIDGE_KEY } from '../../src-common/ipc/bridge';
import { createBridgeObject } from '../../src-main/preload/bridgeObject';

type Invoke = (channel: string, input: unknown) => Promise<unknown>;
const scope = window as unknown as Record<string, unknown> & { __parleyInvoke: Invoke };
const listeners = new Set<(command: unknown) => void>();

Object.defineProperty(window, BRIDGE_KEY, {
  value: createBridgeObject({
    invoke: (channel, input) => scope.__parleyInvoke(channel, input),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  }),
});
Object.defineProperty(window, '__parleyHarnessCommand', {
  value: (command: unknown) => {
    for (const listener of listeners) listener(command);
  },
});
