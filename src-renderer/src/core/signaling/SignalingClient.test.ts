import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, ErrorReason } from '../../../../src-common/errors';
import { SignalingClient } from './SignalingClient';

/** A WebSocket stand-in: opens at once, records what the client sends, and plays server frames. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static last: FakeSocket | undefined;
  readyState = 0;
  readonly sent: Array<{ id: number; method: string }> = [];

  constructor(readonly url: string) {
    super();
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = FakeSocket.OPEN;
      this.dispatchEvent(new Event('open'));
    });
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text) as { id: number; method: string });
  }

  close(): void {
    this.readyState = 3;
  }

  /** The server sends `frame` (an object is sent as JSON, a string as is). */
  play(frame: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) }));
  }
}

const peer = { peerId: 'bob', displayName: 'Bob', role: 'participant', producers: [{ producerId: 'p1', kind: 'video', source: 'camera', paused: false }] };

async function connected(): Promise<{ client: SignalingClient; socket: FakeSocket; notified: unknown[]; warnings: string[] }> {
  const client = await SignalingClient.connect('wss://parley.test/ws');
  const notified: unknown[] = [];
  client.onNotification((method, data) => void notified.push({ method, data }));
  const warnings: string[] = [];
  vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.map(String).join(' ')));
  return { client, socket: FakeSocket.last!, notified, warnings };
}

beforeEach(() => {
  vi.stubGlobal('WebSocket', FakeSocket);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('the signaling client checks what the server sends', () => {
  it('hands on a well-formed notification, extra fields from a newer server included', async () => {
    const { socket, notified, warnings } = await connected();
    socket.play({ type: 'notification', method: 'peerJoined', data: { peer: { ...peer, badge: 'new' } } });
    socket.play({ type: 'notification', method: 'producerLayersWanted', data: { producerId: 'p1', spatialLayer: null } });
    expect(notified).toEqual([
      { method: 'peerJoined', data: { peer: { ...peer, badge: 'new' } } },
      { method: 'producerLayersWanted', data: { producerId: 'p1', spatialLayer: null } },
    ]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['not JSON', '{"type":"notification",', /not JSON/],
    ['no type', { method: 'peerLeft', data: { peerId: 'bob' } }, /malformed/],
    ['an unknown kind', { type: 'notification', method: 'peerTeleported', data: {} }, /unknown notification "peerTeleported"/],
    ['a missing field', { type: 'notification', method: 'peerLeft', data: {} }, /peerLeft notification is malformed: peerId/],
    ['a wrong type', { type: 'notification', method: 'activeSpeaker', data: { peerId: 42 } }, /activeSpeaker notification is malformed: peerId/],
    ['a peer without producers', { type: 'notification', method: 'peerJoined', data: { peer: { ...peer, producers: undefined } } }, /peer\.producers/],
    ['null data', { type: 'notification', method: 'audioLevels', data: null }, /audioLevels notification is malformed/],
    ['an array frame', [1, 2, 3], /malformed/],
  ])('drops a notification with %s, says what was wrong, and keeps working', async (_what, frame, warning) => {
    const { client, socket, notified, warnings } = await connected();
    expect(() => socket.play(frame)).not.toThrow();
    expect(notified).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(warning)]);
    // The next good frame still gets through, and requests still work.
    socket.play({ type: 'notification', method: 'peerLeft', data: { peerId: 'bob' } });
    expect(notified).toEqual([{ method: 'peerLeft', data: { peerId: 'bob' } }]);
    const answer = client.request('ping', {});
    socket.play({ type: 'response', id: socket.sent.at(-1)!.id, ok: true, data: {} });
    await expect(answer).resolves.toEqual({});
  });

  it('fails a request whose answer is malformed with INTERNAL / malformedMessage naming the method', async () => {
    const { client, socket, warnings } = await connected();
    const answer = client.request('produce', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [] } as never });
    socket.play({ type: 'response', id: socket.sent[0]!.id, ok: true, data: { producerId: 7 } });
    await expect(answer).rejects.toMatchObject({ code: ErrorCode.Internal, reason: ErrorReason.MalformedMessage, message: expect.stringMatching(/produce/) });
    expect(warnings).toEqual([expect.stringMatching(/answer to produce is malformed: producerId/)]);
  });

  it('fails a request at once when its answer\'s envelope is broken but its id readable', async () => {
    const { client, socket } = await connected();
    const answer = client.request('ping', {});
    socket.play({ type: 'response', id: socket.sent[0]!.id, ok: 'yes' });
    await expect(answer).rejects.toMatchObject({ code: ErrorCode.Internal, reason: ErrorReason.MalformedMessage });
  });

  it('rebuilds a refusal with its code and reason, and ignores a reason it does not know', async () => {
    const { client, socket } = await connected();
    const removed = client.request('resume', { roomId: 'r', sessionToken: 'a.b.c' });
    socket.play({ type: 'response', id: socket.sent[0]!.id, ok: false, error: { code: 'UNAUTHORIZED', message: 'gone', reason: 'removed' } });
    await expect(removed).rejects.toMatchObject({ code: ErrorCode.Unauthorized, reason: ErrorReason.Removed });
    const future = client.request('ping', {});
    socket.play({ type: 'response', id: socket.sent[1]!.id, ok: false, error: { code: 'RATE_LIMITED', message: 'later', reason: 'solarFlare' } });
    const error = await future.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.RateLimited });
    expect((error as { reason?: string }).reason).toBeUndefined();
  });

  it('gives the branded, checked data to the caller', async () => {
    const { client, socket } = await connected();
    const answer = client.request('getMeetingState', {});
    const message = { messageId: 'm1', seq: 1, from: 'bob', fromName: 'Bob', to: null, text: 'hi', sentAt: 5 };
    socket.play({ type: 'response', id: socket.sent[0]!.id, ok: true, data: { messages: [message], hands: [], locked: false } });
    await expect(answer).resolves.toEqual({ messages: [message], hands: [], locked: false });
  });

  it('keeps a refusal from a newer server: an unknown code is INTERNAL, an over-long message is cut', async () => {
    const { client, socket } = await connected();
    const answer = client.request('ping', {});
    socket.play({ type: 'response', id: socket.sent[0]!.id, ok: false, error: { code: 'QUOTA_EXCEEDED', message: 'x'.repeat(5000) } });
    const error = (await answer.catch((e: unknown) => e)) as { code: string; message: string };
    expect(error.code).toBe(ErrorCode.Internal);
    expect(error.message.length).toBeLessThanOrEqual(2001);
  });

  it('keeps the server features it knows and drops the others', async () => {
    const { client, socket } = await connected();
    const answer = client.request('getRouterRtpCapabilities', { roomId: 'r' });
    socket.play({ type: 'response', id: socket.sent[0]!.id, ok: true, data: { routerRtpCapabilities: { codecs: [], headerExtensions: [] }, features: ['joinMedia', 'teleport'] } });
    await expect(answer).resolves.toMatchObject({ features: ['joinMedia'] });
  });
});
