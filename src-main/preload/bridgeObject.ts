import { ErrorCode } from '../../src-common/errors';
import { allChannels, BRIDGE_VERSION, type BridgeObject } from '../../src-common/ipc/bridge';
import type { IpcResult } from '../../src-common/ipc/contract';

/** How the bridge object reaches main: Electron IPC in the preload, Playwright bindings in the e2e harness. */
export interface BridgeTransport {
  invoke(channel: string, input: unknown): Promise<unknown>;
  subscribe(listener: (command: unknown) => void): () => void;
  /** Main's events (EVENT_CHANNEL in src-common/ipc/events.ts); the renderer checks them. */
  subscribeEvents(listener: (envelope: unknown) => void): () => void;
}

/**
 * The one object the page gets. It forwards only the contract's channels, one argument each, and
 * hands the page nothing of Electron (no event objects, no ipcRenderer).
 */
export function createBridgeObject(transport: BridgeTransport): BridgeObject {
  return Object.freeze({
    version: BRIDGE_VERSION,
    invoke(channel: string, input: unknown): Promise<IpcResult> {
      if (typeof channel !== 'string' || !allChannels.has(channel)) {
        return Promise.resolve({ ok: false, error: { code: ErrorCode.UnknownMethod, message: `no such channel: ${String(channel).slice(0, 80)}` } });
      }
      return transport.invoke(channel, input) as Promise<IpcResult>;
    },
    onCommand(listener: (command: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onCommand needs a function');
      return transport.subscribe((command) => listener(command));
    },
    onEvent(listener: (envelope: unknown) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('onEvent needs a function');
      return transport.subscribeEvents((envelope) => listener(envelope));
    },
  });
}
