/**
 * Malformed, oversized, out-of-order and wrong-owner signaling frames, from a seeded generator so
 * a failing run can be replayed. Every frame is one the server must refuse: none is a valid
 * request of the sender's own.
 */

/** A tiny deterministic PRNG (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Ids that belong to other peers in the room: what a wrong-owner request names. */
export interface ForeignIds {
  producerIds: string[];
  peerIds: string[];
}

export type FrameKind = 'garbage' | 'envelope' | 'unknown-method' | 'bad-data' | 'out-of-order' | 'wrong-owner' | 'oversized' | 'binary';

export interface FuzzFrame {
  kind: FrameKind;
  payload: string | Buffer;
  binary: boolean;
}

const METHODS = [
  'getRouterRtpCapabilities', 'join', 'createWebRtcTransport', 'connectWebRtcTransport', 'restartIce', 'produce',
  'closeProducer', 'pauseProducer', 'resumeProducer', 'consume', 'resumeConsumer', 'pauseConsumer',
  'setConsumerPreferredLayers', 'setConsumerView',
];

/**
 * Values of the wrong type for any field. (`leave` is not fuzzed with them: its data is empty, so
 * a null or `{}` would be a valid leave.)
 */
const WRONG_VALUES: unknown[] = [
  null, true, -1, Number.MAX_VALUE, 'x'.repeat(300), [], {}, [[[[[]]]]], { __proto__: { polluted: true } }, '\u0000', '../../etc/passwd',
  { $gt: '' }, Number.MAX_SAFE_INTEGER + 2, '<img src=x onerror=alert(1)>', '\ud800',
];

export class FrameFuzzer {
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly foreign: ForeignIds,
  ) {
    this.random = seeded(seed);
  }

  /** The next frame; `id` is the request id to put in it where the frame has one. */
  next(id: number): FuzzFrame {
    const roll = this.random();
    if (roll < 0.1) return this.text('garbage', this.garbage());
    if (roll < 0.2) return this.text('envelope', this.badEnvelope(id));
    if (roll < 0.3) return this.request('unknown-method', id, this.pick(['', 'eval', '__proto__', 'constructor', 'JOIN', 'produce ', 'x'.repeat(64)]), {});
    if (roll < 0.55) return this.request('bad-data', id, this.pick(METHODS), this.badData());
    if (roll < 0.7) return this.outOfOrder(id);
    if (roll < 0.95) return this.wrongOwner(id);
    if (roll < 0.98) return this.text('oversized', JSON.stringify({ type: 'request', id, method: 'join', data: { displayName: 'x'.repeat(70_000 + Math.floor(this.random() * 100_000)) } }));
    return { kind: 'binary', payload: Buffer.from(JSON.stringify({ type: 'request', id, method: 'leave', data: {} })), binary: true };
  }

  private text(kind: FrameKind, payload: string): FuzzFrame {
    return { kind, payload, binary: false };
  }

  private request(kind: FrameKind, id: number, method: string, data: unknown): FuzzFrame {
    return this.text(kind, JSON.stringify({ type: 'request', id, method, data }));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T;
  }

  private garbage(): string {
    const forms = [
      () => '',
      () => '{',
      () => '{"type":"request","id":1,"method":"join"',
      () => 'null',
      () => '[]',
      () => '"request"',
      () => String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(this.random() * 0xd7ff))),
      () => '{"a":'.repeat(2000) + '1' + '}'.repeat(2000),
    ];
    return this.pick(forms)();
  }

  private badEnvelope(id: number): string {
    const forms: unknown[] = [
      { type: 'response', id, method: 'join' },
      { type: 'request', method: 'join' },
      { type: 'request', id: -id - 1, method: 'leave' },
      { type: 'request', id: String(id), method: 'leave' },
      { type: 'request', id: id + 0.5, method: 'leave' },
      { type: 'request', id, method: 42 },
      { type: 'request', id, method: 'leave', data: {}, extra: true },
      { type: 'notification', method: 'peerJoined', data: {} },
    ];
    return JSON.stringify(this.pick(forms));
  }

  private badData(): unknown {
    const forms: Array<() => unknown> = [
      () => this.pick(WRONG_VALUES),
      () => ({ roomId: this.pick(WRONG_VALUES) }),
      () => ({ roomId: 'fuzz', displayName: this.pick(['', ' ', '\u0007bell', 'x'.repeat(65)]), rtpCapabilities: {} }),
      () => ({ direction: this.pick(['sideways', 1, null]) }),
      () => ({ transportId: this.pick(WRONG_VALUES), dtlsParameters: { role: 'client', fingerprints: [] } }),
      () => ({ producerId: this.pick(WRONG_VALUES) }),
      () => ({ consumerId: 'c', visible: 'yes', width: -5, height: 1e9 }),
      () => ({ consumerId: 'c', spatialLayer: 99 }),
      () => ({ transportId: 't', kind: 'video', rtpParameters: { codecs: 'vp8' }, source: 'camera', layers: Array(9).fill({ width: 1, height: 1 }) }),
    ];
    return this.pick(forms)();
  }

  /** Valid in shape, wrong in state: media calls on ids the sender never created. */
  private outOfOrder(id: number): FuzzFrame {
    const forms: Array<[string, unknown]> = [
      ['connectWebRtcTransport', { transportId: 'not-created-yet', dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'AA' }] } }],
      ['restartIce', { transportId: 'not-created-yet' }],
      ['resumeConsumer', { consumerId: 'not-created-yet' }],
      ['pauseConsumer', { consumerId: 'not-created-yet' }],
      ['setConsumerPreferredLayers', { consumerId: 'not-created-yet', spatialLayer: 1 }],
      ['produce', { transportId: 'not-created-yet', kind: 'audio', rtpParameters: { codecs: [], encodings: [] }, source: 'microphone' }],
      ['consume', { producerId: 'not-created-yet' }],
    ];
    const [method, data] = this.pick(forms);
    return this.request('out-of-order', id, method, data);
  }

  /** Valid in shape, naming what other peers own. */
  private wrongOwner(id: number): FuzzFrame {
    const producerId = this.pick(this.foreign.producerIds);
    const forms: Array<[string, unknown]> = [
      ['closeProducer', { producerId }],
      ['pauseProducer', { producerId }],
      ['resumeProducer', { producerId }],
      ['resumeConsumer', { consumerId: producerId }],
      ['pauseConsumer', { consumerId: producerId }],
      ['setConsumerView', { consumerId: producerId, visible: false, width: 0, height: 0 }],
      ['setConsumerPreferredLayers', { consumerId: producerId, spatialLayer: 0 }],
      ['restartIce', { transportId: this.pick(this.foreign.peerIds) }],
    ];
    const [method, data] = this.pick(forms);
    return this.request('wrong-owner', id, method, data);
  }
}
