import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src-common/errors';
import { MAX_FRAME_BYTES } from '../../../src-common/protocol';
import { FrameError, parseFrame } from './parseFrame';

const text = (value: unknown): Buffer => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const request = (method: string, data?: unknown, id = 5): Buffer => text({ type: 'request', id, method, ...(data === undefined ? {} : { data }) });

/** Runs parseFrame and returns the FrameError it threw; fails the test if it did not throw one. */
function refusal(raw: Buffer, options: { binary?: boolean; joined?: boolean } = {}): { code: string; id: number | null } {
  try {
    parseFrame(raw, options.binary ?? false, options.joined ?? true);
  } catch (error) {
    expect(error).toBeInstanceOf(FrameError);
    const { code, id, message } = error as FrameError;
    expect(message).not.toBe('');
    return { code, id };
  }
  throw new Error('parseFrame accepted the frame');
}

describe('parseFrame', () => {
  it.each([
    ['getRouterRtpCapabilities', { roomId: 'standup' }, { roomId: 'standup' }],
    ['createWebRtcTransport', { direction: 'recv' }, { direction: 'recv' }],
    ['setConsumerPreferredLayers', { consumerId: 'c1', spatialLayer: 2 }, { consumerId: 'c1', spatialLayer: 2 }],
    ['join', { roomId: 'r', displayName: '  Ada  ', rtpCapabilities: {} }, { roomId: 'r', displayName: 'Ada', rtpCapabilities: {} }],
    ['leave', undefined, {}],
  ])('parses a valid %s request into its validated data', (method, data, expected) => {
    expect(parseFrame(request(method, data), false, true)).toEqual({ id: 5, method, data: expected });
  });

  it('keeps unknown fields inside mediasoup structures, which mediasoup itself checks', () => {
    const rtpParameters = { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, futureField: 1 }], extra: 'x' };
    const parsed = parseFrame(request('produce', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters }), false, true);
    expect(parsed.data).toMatchObject({ rtpParameters });
  });

  it.each([
    ['a binary frame, even if it holds a valid request', request('leave'), { binary: true }, ErrorCode.BadRequest, null],
    ['invalid JSON', text('{"type":'), {}, ErrorCode.BadJson, null],
    ['a JSON number', text('1'), {}, ErrorCode.BadRequest, null],
    ['JSON null', text('null'), {}, ErrorCode.BadRequest, null],
    ['a missing type', text({ id: 5, method: 'leave' }), {}, ErrorCode.BadRequest, 5],
    ['a notification', text({ type: 'notification', method: 'peerLeft', data: {} }), {}, ErrorCode.BadRequest, null],
    ['an id above MAX_SAFE_INTEGER', text({ type: 'request', id: 2 ** 53, method: 'leave' }), {}, ErrorCode.BadRequest, null],
    ['an extra envelope field', text({ type: 'request', id: 5, method: 'leave', data: {}, x: 1 }), {}, ErrorCode.BadRequest, 5],
    ['a 65-character method name', request('m'.repeat(65)), {}, ErrorCode.BadRequest, 5],
    ['an unknown method', request('kick'), {}, ErrorCode.UnknownMethod, 5],
    ['an Object.prototype member as method', request('hasOwnProperty'), {}, ErrorCode.UnknownMethod, 5],
    ['a joined-only method before join', request('consume', { producerId: 'p' }), { joined: false }, ErrorCode.NotJoined, 5],
    ['data that fails the method schema', request('consume', { producerId: 7 }), {}, ErrorCode.BadRequest, 5],
    ['extra data fields', request('consume', { producerId: 'p', priority: 1 }), {}, ErrorCode.BadRequest, 5],
    ['data that is an array', request('leave', []), {}, ErrorCode.BadRequest, 5],
  ] as const)('refuses %s', (_what, raw, options, code, id) => {
    expect(refusal(raw, options)).toEqual({ code, id });
  });

  it('checks the order: binary, size, JSON, envelope, method, join state, then data', () => {
    const huge = Buffer.alloc(MAX_FRAME_BYTES + 1, 'x');
    expect(refusal(huge, { binary: true }).code).toBe(ErrorCode.BadRequest);
    expect(refusal(huge).code).toBe(ErrorCode.TooLarge);
    expect(refusal(text('{')).code).toBe(ErrorCode.BadJson);
    expect(refusal(text({ type: 'request', id: 5, method: 'kick', junk: true })).code).toBe(ErrorCode.BadRequest);
    expect(refusal(request('kick', 'junk'), { joined: false }).code).toBe(ErrorCode.UnknownMethod);
    expect(refusal(request('consume', 'junk'), { joined: false }).code).toBe(ErrorCode.NotJoined);
    expect(refusal(request('join', 'junk'), { joined: false }).code).toBe(ErrorCode.BadRequest);
  });

  it('allows only getRouterRtpCapabilities and join before join', () => {
    expect(parseFrame(request('getRouterRtpCapabilities', { roomId: 'r' }), false, false).method).toBe('getRouterRtpCapabilities');
    expect(parseFrame(request('join', { roomId: 'r', displayName: 'A', rtpCapabilities: {} }), false, false).method).toBe('join');
    expect(refusal(request('leave'), { joined: false }).code).toBe(ErrorCode.NotJoined);
  });

  it('measures the size limit in bytes, not characters', () => {
    const frame = (filler: string, length: number): Buffer => request('getRouterRtpCapabilities', { roomId: 'r', pad: filler.repeat(length) });
    const overhead = frame('', 0).length;
    expect(refusal(frame('a', MAX_FRAME_BYTES - overhead)).code).toBe(ErrorCode.BadRequest); // at the limit: parsed (pad is an extra field)
    expect(refusal(frame('a', MAX_FRAME_BYTES - overhead + 1))).toEqual({ code: ErrorCode.TooLarge, id: null });
    // 'é' is two bytes: fewer characters than the limit, more bytes.
    const accented = frame('é', Math.ceil((MAX_FRAME_BYTES - overhead + 1) / 2));
    expect(accented.toString('utf8').length).toBeLessThan(MAX_FRAME_BYTES);
    expect(refusal(accented).code).toBe(ErrorCode.TooLarge);
  });
});
