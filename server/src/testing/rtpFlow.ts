/**
 * Real RTP through mediasoup without a browser: a sender that plays a VP8 camera (key frames, so
 * consumers start forwarding) into a PlainTransport and hears the RTCP sent back to it (key-frame
 * requests), and a receiver that counts what a consuming PlainTransport delivers.
 */
import dgram from 'node:dgram';
import type { Consumer, PlainTransport, Producer, Router, RtpParameters } from 'mediasoup/node/lib/types';
import { isRtcp, RTP_HEADER_BYTES, writeHeader, writeVp8Payload } from '../../../bench/rtp/packets';

const LOOPBACK = '127.0.0.1';
const PAYLOAD_BYTES = 1000;

async function boundSocket(): Promise<dgram.Socket> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, LOOPBACK, () => resolve());
  });
  return socket;
}

/** A plain RTP/RTCP transport on `router` (no SRTP) that sends to `port` on loopback. */
export async function plainTransportTo(router: Router, port: number): Promise<PlainTransport> {
  const transport = await router.createPlainTransport({ listenIp: LOOPBACK, rtcpMux: true, comedia: false });
  await transport.connect({ ip: LOOPBACK, port });
  return transport;
}

/** One VP8 stream into a PlainTransport of `router`: `frame()` sends one frame as one packet. */
export class RtpCameraSender {
  /** RTCP packet types (206: PLI/FIR) the SFU sent back, with the feedback format of each. */
  readonly feedback: Array<{ type: number; format: number }> = [];
  private sequence = 0x1000;
  private pictureId = 1;

  private constructor(
    private readonly socket: dgram.Socket,
    readonly transport: PlainTransport,
    readonly ssrc: number,
    readonly payloadType: number,
  ) {
    socket.on('message', (packet) => {
      if (isRtcp(packet)) this.feedback.push({ type: packet[1] ?? 0, format: (packet[0] ?? 0) & 0x1f });
    });
  }

  static async create(router: Router, ssrc: number): Promise<RtpCameraSender> {
    const socket = await boundSocket();
    const transport = await plainTransportTo(router, socket.address().port);
    socket.connect(transport.tuple.localPort, LOOPBACK);
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const vp8 = router.rtpCapabilities.codecs?.find((codec) => codec.mimeType === 'video/VP8');
    if (vp8?.preferredPayloadType === undefined) throw new Error('the router offers no VP8');
    return new RtpCameraSender(socket, transport, ssrc, vp8.preferredPayloadType);
  }

  /** The parameters to produce this stream with. */
  get rtpParameters(): RtpParameters {
    return {
      codecs: [{ mimeType: 'video/VP8', payloadType: this.payloadType, clockRate: 90000, rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] }],
      encodings: [{ ssrc: this.ssrc }],
      rtcp: { cname: `sender-${this.ssrc}`, reducedSize: true },
    };
  }

  /** Sends one frame (a key frame when asked) as one packet. */
  frame(keyFrame: boolean): void {
    const packet = Buffer.alloc(RTP_HEADER_BYTES + PAYLOAD_BYTES);
    writeHeader(packet, { payloadType: this.payloadType, marker: true, sequenceNumber: this.sequence, timestamp: this.sequence * 3000, ssrc: this.ssrc });
    writeVp8Payload(packet.subarray(RTP_HEADER_BYTES), { start: true, keyFrame, pictureId: this.pictureId & 0x7fff, width: 320, height: 180 });
    this.sequence++;
    this.pictureId++;
    this.socket.send(packet);
  }

  close(): void {
    this.socket.close();
    this.transport.close();
  }
}

/**
 * Counts the RTP packets and bytes of one SSRC (a consumer's media) that a consuming
 * PlainTransport delivers; the SFU's bandwidth probes (padding on their own SSRC) and RTCP are
 * not media and are not counted.
 */
export class RtpCounter {
  /** Set to the consumer's SSRC once it exists; nothing is counted before. */
  ssrc: number | undefined;
  packets = 0;
  bytes = 0;

  private constructor(private readonly socket: dgram.Socket) {
    socket.on('message', (packet) => {
      if (isRtcp(packet) || packet.length < RTP_HEADER_BYTES || packet.readUInt32BE(8) !== this.ssrc) return;
      this.packets++;
      this.bytes += packet.length;
    });
  }

  static async create(): Promise<RtpCounter> {
    return new RtpCounter(await boundSocket());
  }

  get port(): number {
    return this.socket.address().port;
  }

  close(): void {
    this.socket.close();
  }
}

/** A consumer of `producer` on a PlainTransport of `router`, delivering to a fresh counter; `close()` ends both. */
export async function countingReceiver(router: Router, producer: Producer): Promise<{ counter: RtpCounter; transport: PlainTransport; consumer: Consumer; close: () => void }> {
  const counter = await RtpCounter.create();
  const transport = await plainTransportTo(router, counter.port);
  const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: router.rtpCapabilities });
  counter.ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
  return { counter, transport, consumer, close: () => (counter.close(), transport.close()) };
}
