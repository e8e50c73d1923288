/**
 * The preload script (sandboxed, context-isolated): exposes exactly one object, `window.parley`,
 * built by createBridgeObject over Electron IPC. Nothing else of Electron reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, COMMAND_CHANNEL } from '../../src-common/ipc/bridge';
import { EVENT_CHANNEL } from '../../src-common/ipc/events';
import { createBridgeObject } from './bridgeObject';

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  createBridgeObject({
    invoke: (channel, input) => ipcRenderer.invoke(channel, input),
    subscribe(listener) {
      const handler = (_event: IpcRendererEvent, command: unknown): void => listener(command);
      ipcRenderer.on(COMMAND_CHANNEL, handler);
      return () => void ipcRenderer.removeListener(COMMAND_CHANNEL, handler);
    },
    subscribeEvents(listener) {
      const handler = (_event: IpcRendererEvent, envelope: unknown): void => listener(envelope);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => void ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    },
  }),
);
