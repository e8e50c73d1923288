import type { Socket } from 'node:dgram';
import { RTP_HEADER_BYTES, writeHeader, writeVp8Payload } from './packets';
import { SRTP_TAG_BYTES, type SrtpSender } from './srtp';

export type SourceKind = 'video' | 'audio';

export interface RtpSourceOptions {
  kind: SourceKind;
  ssrc: number;
  payloadType: number;
  /** Bytes on the wire per packet (RTP header + payload + SRTP tag when encrypted). */
  packetBytes: number;
  /** Target bitrate in bits/s (video); audio sends one packet per 20 ms whatever this says. */
  bitrate: number;
  /** A connected UDP socket towards the SFU (or the relay). */
  socket: Socket;
  /** Encrypts when set; otherwise the packet is padded so plain and SRTP packets weigh the same. */
  srtp: SrtpSender | null;
  /** Picture size written into VP8 key frame headers (1280x720 unless said). */
  frameSize?: { width: number; height: number };
}

const VIDEO_FPS = 30;
const KEY_FRAME_EVERY = 30; // frames: one key frame a second, so new consumers start quickly
const HISTORY = 1 << 16;

/**
 * One synthetic producer: emits frames on `tick(now)` as their time comes, and remembers when each
 * sequence number left (for latency) and which sequence number ended each frame (to map an SFU's
 * rewritten sequence numbers back).
 */
export class RtpSource {
  readonly kind: SourceKind;
  readonly ssrc: number;
  /** Send time (performance.now(), ms) of each sequence number, indexed by sequence number. */
  readonly sentAt = new Float64Array(HISTORY);
  private readonly frameEnds = new Map<number, number>();
  private readonly plain: Buffer;
  private readonly frameInterval: number;
  private packetIndex = 0x1000; // sequence numbers start away from 0; the rollover count is index >>> 16
  private frameIndex = 0;
  private nextFrameAt = 0;
  private byteCredit = 0;
  packetsSent = 0;
  /** Payload bytes sent (what an RTCP sender report counts as octets). */
  octetsSent = 0;
  /** RTP timestamp of the last frame sent and when it left (performance.now()), for sender reports. */
  lastFrame: { timestamp: number; sentAt: number } | null = null;
  /** Send errors, e.g. ECONNREFUSED while a relay restarts with a new fan-out (packets lost). */
  sendErrors = 0;

  constructor(private readonly options: RtpSourceOptions) {
    this.kind = options.kind;
    this.ssrc = options.ssrc;
    const plainBytes = options.packetBytes - (options.srtp ? SRTP_TAG_BYTES : 0);
    this.plain = Buffer.alloc(plainBytes);
    this.frameInterval = options.kind === 'video' ? 1000 / VIDEO_FPS : 20;
    options.socket.on('error', () => this.sendErrors++);
  }

  /** The generator's sequence number that ended the frame with this RTP timestamp, if still known. */
  frameEnd(timestamp: number): number | undefined {
    return this.frameEnds.get(timestamp);
  }

  /** Sends every frame due by `now`; catches up at most 5 frames so a stall does not become a burst. */
  tick(now: number): void {
    if (this.nextFrameAt === 0) this.nextFrameAt = now;
    for (let caught = 0; now >= this.nextFrameAt && caught < 5; caught++) {
      this.sendFrame();
      this.nextFrameAt += this.frameInterval;
    }
    if (now >= this.nextFrameAt) this.nextFrameAt = now + this.frameInterval;
  }

  private sendFrame(): void {
    const { kind, packetBytes, bitrate } = this.options;
    let packets = 1;
    if (kind === 'video') {
      this.byteCredit += bitrate / 8 / VIDEO_FPS;
      packets = Math.max(1, Math.floor(this.byteCredit / packetBytes));
      this.byteCredit -= packets * packetBytes;
    }
    const frame = this.frameIndex++;
    const timestamp = kind === 'video' ? frame * 3000 : frame * 960;
    const keyFrame = frame % KEY_FRAME_EVERY === 0;
    for (let i = 0; i < packets; i++) {
      const last = i === packets - 1;
      const sequenceNumber = this.packetIndex & 0xffff;
      writeHeader(this.plain, { payloadType: this.options.payloadType, marker: last, sequenceNumber, timestamp, ssrc: this.ssrc });
      const payload = this.plain.subarray(RTP_HEADER_BYTES);
      if (kind === 'video') writeVp8Payload(payload, { start: i === 0, keyFrame, pictureId: frame & 0x7fff, ...this.options.frameSize });
      const wire = this.options.srtp ? this.options.srtp.protect(this.plain, this.packetIndex >>> 16) : this.plain;
      this.sentAt[sequenceNumber] = performance.now();
      this.options.socket.send(wire);
      this.packetIndex++;
      this.packetsSent++;
      this.octetsSent += payload.length;
      if (last) this.rememberFrameEnd(timestamp >>> 0, sequenceNumber);
    }
    this.lastFrame = { timestamp: timestamp >>> 0, sentAt: performance.now() };
  }

  private rememberFrameEnd(timestamp: number, sequenceNumber: number): void {
    this.frameEnds.set(timestamp, sequenceNumber);
    if (this.frameEnds.size > 512) {
      const oldest = this.frameEnds.keys().next().value;
      if (oldest !== undefined) this.frameEnds.delete(oldest);
    }
  }
}
