import { describe, expect, it } from 'vitest';
import type { RoomId } from '../../../../src-common/ids';
import { Emitter } from '../base/Emitter';
import type { Connection, ConnectionEvents } from './Connection';
import { JoinWarmup } from './JoinWarmup';

const URL_A = 'wss://a/ws';
const ROOM = 'standup' as RoomId;
const CAPS = { routerRtpCapabilities: { codecs: [] }, features: ['joinMedia'] };

/** Lets the warm-up's pending promises run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Connections that answer getRouterRtpCapabilities with CAPS (or fail to open when `refuse`). */
function fakeServer(options: { refuse?: boolean } = {}) {
  const opened: Array<{ url: string; requests: unknown[]; closed: boolean; drop(): void }> = [];
  const open = async (url: string): Promise<Connection> => {
    if (options.refuse) throw new Error('unreachable');
    const events = new Emitter<ConnectionEvents>();
    const record = { url, requests: [] as unknown[], closed: false, drop: () => events.emit('closed', { code: 4003, reason: 'nothing was joined in time' }) };
    opened.push(record);
    return {
      events,
      request: async (method: string, data: unknown) => {
        record.requests.push({ method, data });
        return CAPS;
      },
      close: () => void (record.closed = true),
    } as unknown as Connection;
  };
  return { opened, open };
}

describe('JoinWarmup', () => {
  it('opens one socket per room however often it is prepared, asks the capabilities once, and hands both over', async () => {
    const server = fakeServer();
    const warmup = new JoinWarmup(server.open);
    warmup.prepare(URL_A, ROOM);
    warmup.prepare(URL_A, ROOM);
    const start = await warmup.take(URL_A, ROOM);
    expect(server.opened).toHaveLength(1);
    expect(server.opened[0]!.requests).toEqual([{ method: 'getRouterRtpCapabilities', data: { roomId: ROOM } }]);
    expect(start?.capabilities).toEqual(CAPS);
    expect(server.opened[0]!.closed).toBe(false);
    // Taken once: the next join opens its own.
    expect(await warmup.take(URL_A, ROOM)).toBeNull();
  });

  it('gives nothing for another room or server, and closes the socket it had', async () => {
    const server = fakeServer();
    const warmup = new JoinWarmup(server.open);
    warmup.prepare(URL_A, ROOM);
    expect(await warmup.take(URL_A, 'other' as RoomId)).toBeNull();
    await settle();
    expect(server.opened[0]!.closed).toBe(true);
  });

  it('gives nothing once the server closed the socket, and prepares a new one on the next intent', async () => {
    const server = fakeServer();
    const warmup = new JoinWarmup(server.open);
    warmup.prepare(URL_A, ROOM);
    await settle();
    server.opened[0]!.drop();
    warmup.prepare(URL_A, ROOM);
    expect(server.opened).toHaveLength(2);
    expect((await warmup.take(URL_A, ROOM))?.capabilities).toEqual(CAPS);

    warmup.prepare(URL_A, ROOM);
    await settle();
    server.opened[2]!.drop();
    expect(await warmup.take(URL_A, ROOM)).toBeNull();
  });

  it('gives nothing when the server cannot be reached (the join reports it on its own socket)', async () => {
    const warmup = new JoinWarmup(fakeServer({ refuse: true }).open);
    warmup.prepare(URL_A, ROOM);
    expect(await warmup.take(URL_A, ROOM)).toBeNull();
  });

  it('closes a socket nobody took when the pre-join screen goes', async () => {
    const server = fakeServer();
    const warmup = new JoinWarmup(server.open);
    warmup.prepare(URL_A, ROOM);
    warmup.discard();
    await settle();
    expect(server.opened[0]!.closed).toBe(true);
    expect(await warmup.take(URL_A, ROOM)).toBeNull();
  });
});
