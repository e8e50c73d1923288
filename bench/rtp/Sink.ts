import dgram from 'node:dgram';
import { isRtcp } from './packets';
import type { RtpSource } from './RtpSource';

/** What one forwarded stream (a consumer, or one relay destination) has delivered so far. */
interface OutStream {
  source: RtpSource;
  /** Forwarded sequence number minus the generator's, learned from the first frame end seen. */
  offset: number | null;
  received: number;
  /** Highest extended sequence number seen (with wrap-arounds counted). */
  highest: number;
  first: number;
}

export interface WindowCounts {
  received: number;
  expected: number;
  seconds: number;
  /** One-way generator -> sink times (ms) of the packets received in the window. */
  latenciesMs: Float64Array;
}

const MAX_LATENCY_SAMPLES = 4_000_000;

/**
 * One UDP socket that receives every forwarded stream. Streams are told apart by SSRC; losses are
 * gaps in each stream's sequence numbers; latency is matched by sequence number against the send
 * time the generator recorded (both run in this process, on the same clock).
 */
export class Sink {
  private readonly streams = new Map<number, OutStream>();
  private readonly socket = dgram.createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  private latencies = new Float64Array(1 << 16);
  private latencyCount = 0;
  private recording = false;
  private windowStart = 0;
  private baseline = new Map<number, { received: number; highest: number }>();
  /** Packets that arrived for an SSRC nobody expects (mis-wiring shows up here). */
  strays = 0;

  private constructor() {
    this.socket.on('message', (packet) => this.onPacket(packet));
  }

  static async create(): Promise<Sink> {
    const sink = new Sink();
    await new Promise<void>((resolve, reject) => {
      sink.socket.once('error', reject);
      sink.socket.bind(0, '127.0.0.1', () => resolve());
    });
    return sink;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Announces a forwarded stream: packets with `ssrc` carry `source`'s media. */
  expect(ssrc: number, source: RtpSource): void {
    this.streams.set(ssrc >>> 0, { source, offset: null, received: 0, highest: -1, first: -1 });
  }

  forget(ssrc: number): void {
    this.streams.delete(ssrc >>> 0);
  }

  forgetAll(): void {
    this.streams.clear();
  }

  /** Starts a measurement window: counts and latencies from now on. */
  startWindow(): void {
    this.baseline = new Map([...this.streams].map(([ssrc, s]) => [ssrc, { received: s.received, highest: s.highest }]));
    this.latencyCount = 0;
    this.recording = true;
    this.windowStart = performance.now();
  }

  /** Ends the window: received and expected packets over streams that were present all along. */
  stopWindow(): WindowCounts {
    this.recording = false;
    let received = 0;
    let expected = 0;
    for (const [ssrc, base] of this.baseline) {
      const stream = this.streams.get(ssrc);
      if (!stream || base.highest < 0) continue;
      received += stream.received - base.received;
      expected += stream.highest - base.highest;
    }
    return {
      received,
      expected,
      seconds: (performance.now() - this.windowStart) / 1000,
      latenciesMs: this.latencies.slice(0, this.latencyCount),
    };
  }

  close(): void {
    this.socket.close();
  }

  private onPacket(packet: Buffer): void {
    if (packet.length < 12 || isRtcp(packet)) return;
    const stream = this.streams.get(packet.readUInt32BE(8));
    if (!stream) {
      this.strays++;
      return;
    }
    const now = performance.now();
    const seq = packet.readUInt16BE(2);
    stream.received++;
    if (stream.highest < 0) {
      stream.highest = seq;
      stream.first = seq;
    } else {
      // Extend to a 32-bit+ counter: a step back of more than half the space is a wrap.
      let delta = seq - (stream.highest & 0xffff);
      if (delta < -0x8000) delta += 0x10000;
      else if (delta > 0x8000) delta -= 0x10000;
      if (delta > 0) stream.highest += delta;
    }
    const marker = ((packet[1] ?? 0) & 0x80) !== 0;
    if (stream.offset === null && marker) {
      const end = stream.source.frameEnd(packet.readUInt32BE(4));
      if (end !== undefined) stream.offset = (seq - end) & 0xffff;
    }
    if (!this.recording || stream.offset === null) return;
    const sentAt = stream.source.sentAt[(seq - stream.offset) & 0xffff]!;
    const latency = now - sentAt;
    if (latency < 0 || latency > 1000 || this.latencyCount >= MAX_LATENCY_SAMPLES) return;
    if (this.latencyCount === this.latencies.length) {
      const grown = new Float64Array(this.latencies.length * 2);
      grown.set(this.latencies);
      this.latencies = grown;
    }
    this.latencies[this.latencyCount++] = latency;
  }
}
