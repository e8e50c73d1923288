import type { IpcMain } from 'electron';
import { allChannels } from '../../src-common/ipc/bridge';
import type { IpcDispatcher } from './dispatcher';

/**
 * Serves every contract channel on ipcMain through the dispatcher, which checks the sender and
 * the argument. Returns the function that removes the handlers.
 */
export function serveIpc(ipcMain: IpcMain, dispatcher: IpcDispatcher): () => void {
  for (const channel of allChannels) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatcher.dispatch(channel, args, { url: event.senderFrame?.url ?? '' }));
  }
  return () => {
    for (const channel of allChannels) ipcMain.removeHandler(channel);
  };
}
