import dgram from 'node:dgram';
import type { PlainTransport, Router, WebRtcTransport } from 'mediasoup/node/lib/types';
import type { TransportId } from '../../src-common/ids';
import type { VideoLayer } from '../../src-common/protocol';
import type { Peer } from '../../server/src/Peer';
import type { Room } from '../../server/src/Room';
import { Generator } from '../rtp/Generator';
import { senderReport } from '../rtp/packets';
import { RtpSource } from '../rtp/RtpSource';

/**
 * A camera's three simulcast layers as Parley's client encodes them (src-renderer/src/core/media/Publisher.ts:
 * 720p scaled down by 4, 2 and 1, capped at 150, 500 and 1500 kbit/s). The metric sends them at
 * the rates the real client's encoder reached in the same run; the caps are the fallback.
 */
export const benchLayers: ReadonlyArray<VideoLayer & { capBitrate: number }> = [
  { width: 320, height: 180, capBitrate: 150_000 },
  { width: 640, height: 360, capBitrate: 500_000 },
  { width: 1280, height: 720, capBitrate: 1_500_000 },
];

const MAX_PACKET_BYTES = 1100;
const FPS = 30;

const LOOPBACK = '127.0.0.1';
const SENDER_REPORT_MS = 500;

/**
 * Synthetic participants inside a live Parley room: each is a real `Peer` of the room (joined
 * through `Room.join`, so every other client is told about it and consumes it like anyone else)
 * that publishes a camera with three VP8 simulcast layers, declared with their sizes through the
 * produce `layers` field. The media comes from the bench generator over a PlainTransport on the
 * room's router, with RTCP sender reports so mediasoup can switch consumers between layers.
 *
 * The server has no API for a transport that is not WebRTC, so this reaches two private fields:
 * the room's router and the peer's transport map (a PlainTransport accepts `produce` exactly as a
 * WebRtcTransport does). Everything after that, announcing, consuming, layer choice, is the
 * server's own code.
 */
export class BenchPeers {
  private readonly generator = new Generator();
  private readonly sockets: dgram.Socket[] = [];
  /** Every layer's source and the socket it sends on (sender reports go the same way). */
  private readonly streams: Array<{ source: RtpSource; socket: dgram.Socket }> = [];
  private readonly peers: Peer[] = [];
  private reportTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor() {}

  /** `bitrates`: bits/s of each layer, lowest first. */
  static async create(room: Room, count: number, bitrates: readonly number[]): Promise<BenchPeers> {
    if (bitrates.length !== benchLayers.length || bitrates.some((b) => !(b > 0))) throw new RangeError(`one positive bitrate per layer, got ${bitrates.join(',')}`);
    const bench = new BenchPeers();
    try {
      for (let i = 0; i < count; i++) await bench.addPeer(room, i, bitrates);
    } catch (error) {
      bench.close();
      throw error;
    }
    bench.generator.start();
    bench.reportTimer = setInterval(() => bench.sendReports(), SENDER_REPORT_MS);
    return bench;
  }

  /** Video packets sent by all layers of all bench peers so far. */
  get packetsSent(): number {
    return this.generator.all.reduce((sum, source) => sum + source.packetsSent, 0);
  }

  /** Stops the media and takes the peers out of the room. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.generator.stop();
    if (this.reportTimer) clearInterval(this.reportTimer);
    for (const peer of this.peers) peer.close();
    for (const socket of this.sockets) socket.close();
  }

  private async addPeer(room: Room, index: number, bitrates: readonly number[]): Promise<void> {
    const { peer } = await room.join({ displayName: `Bench ${index + 1}`, rtpCapabilities: room.rtpCapabilities });
    // The router the room placed this peer on (a room may span several).
    const router = (peer as unknown as { router: Router }).router;
    this.peers.push(peer);
    const transport: PlainTransport = await router.createPlainTransport({
      listenIp: LOOPBACK,
      rtcpMux: true,
      comedia: true,
      appData: { direction: 'send' },
    });
    const transportId = transport.id as TransportId;
    (peer as unknown as { transports: Map<TransportId, WebRtcTransport> }).transports.set(transportId, transport as unknown as WebRtcTransport);
    const socket = dgram.createSocket('udp4');
    this.sockets.push(socket);
    await new Promise<void>((resolve) => socket.connect(transport.tuple.localPort, LOOPBACK, resolve));
    socket.on('message', () => undefined); // RTCP from the SFU (receiver reports, PLI): key frames come every second anyway
    const vp8 = room.rtpCapabilities.codecs?.find((codec) => codec.mimeType === 'video/VP8');
    const payloadType = vp8?.preferredPayloadType;
    if (!vp8 || payloadType === undefined) throw new Error('the room offers no VP8');
    const ssrcs = benchLayers.map((_, layer) => 0x0b000000 + index * 16 + layer);
    await peer.produce({
      transportId,
      kind: 'video',
      source: 'camera',
      layers: benchLayers.map(({ width, height }) => ({ width, height })),
      rtpParameters: {
        mid: '0',
        codecs: [
          {
            mimeType: vp8.mimeType,
            payloadType,
            clockRate: vp8.clockRate,
            parameters: {},
            rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }],
          },
        ],
        headerExtensions: [],
        encodings: ssrcs.map((ssrc) => ({ ssrc })),
        rtcp: { cname: `bench-${index}`, reducedSize: true },
      },
    });
    benchLayers.forEach((layer, i) => {
      const source = new RtpSource({
        kind: 'video',
        ssrc: ssrcs[i]!,
        payloadType,
        // A small layer's frame fits one packet, as an encoder's does; larger ones are split.
        packetBytes: Math.min(MAX_PACKET_BYTES, Math.max(100, Math.round(bitrates[i]! / 8 / FPS))),
        bitrate: bitrates[i]!,
        socket,
        srtp: null,
        frameSize: { width: layer.width, height: layer.height },
      });
      this.generator.add(source);
      this.streams.push({ source, socket });
    });
  }

  /** One sender report per layer: all layers of a peer share one clock, as a camera's do. */
  private sendReports(): void {
    for (const { source, socket } of this.streams) {
      if (!source.lastFrame) continue;
      const report = senderReport({
        ssrc: source.ssrc,
        wallclockMs: performance.timeOrigin + source.lastFrame.sentAt,
        rtpTimestamp: source.lastFrame.timestamp,
        packets: source.packetsSent,
        octets: source.octetsSent,
      });
      socket.send(report);
    }
  }
}
