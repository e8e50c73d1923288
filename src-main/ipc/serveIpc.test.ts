import type { IpcMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { allChannels } from '../../src-common/ipc/bridge';
import type { IpcDispatcher } from './dispatcher';
import { serveIpc } from './serveIpc';

describe('serving IPC', () => {
  it('answers every contract channel through the dispatcher with the sender’s frame URL, and removes them all', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void handlers.set(channel, handler),
      removeHandler: (channel: string) => void handlers.delete(channel),
    } as unknown as IpcMain;
    const seen: unknown[] = [];
    const dispatcher: IpcDispatcher = {
      dispatch: async (channel, args, sender) => {
        seen.push([channel, args, sender]);
        return { ok: true, value: null };
      },
    };
    const stop = serveIpc(ipcMain, dispatcher);
    expect(new Set(handlers.keys())).toEqual(allChannels);

    await handlers.get('history:list')!({ senderFrame: { url: 'app://parley/history' } }, { query: 'x' }, 'extra');
    await handlers.get('history:clear')!({ senderFrame: null });
    expect(seen).toEqual([
      ['history:list', [{ query: 'x' }, 'extra'], { url: 'app://parley/history' }],
      ['history:clear', [], { url: '' }],
    ]);
    stop();
    expect(handlers.size).toBe(0);
  });
});
