import dgram from 'node:dgram';
import type { Consumer, PlainTransport, Producer, Router, RtpParameters } from 'mediasoup/node/lib/types';
import { Logger } from '../../server/src/logger';
import { mediaCodecs } from '../../server/src/media/codecs';
import { WorkerPool } from '../../server/src/media/WorkerPool';
import { boost, pin } from '../lib/pin';
import { RtpSource } from '../rtp/RtpSource';
import type { Sink } from '../rtp/Sink';
import { SRTP_SUITE, SrtpSender } from '../rtp/srtp';
import type { Forwarder } from './Forwarder';
import { sourceSsrc, type Scenario } from './scenarios';

const LOOPBACK = '127.0.0.1';

interface Subscriber {
  transport: PlainTransport;
  consumers: Consumer[];
}

/**
 * Parley's forwarding path without browsers: a worker from Parley's own WorkerPool (same settings
 * as the server), a router with Parley's codecs, one SRTP PlainTransport per source fed by the
 * generator, and one SRTP PlainTransport per subscriber, consuming every source, towards the sink.
 */
export class ParleyForwarder implements Forwarder {
  readonly label = 'Parley (mediasoup worker)';
  readonly sources: RtpSource[] = [];
  private readonly subscribers: Subscriber[] = [];
  private readonly producers: Producer[] = [];
  private readonly sockets: dgram.Socket[] = [];
  private closed = false;

  private constructor(
    private readonly pool: WorkerPool,
    private readonly router: Router,
    private readonly sink: Sink,
  ) {}

  static async create(scenario: Scenario, sink: Sink, workerCpu: string): Promise<ParleyForwarder> {
    const pool = await WorkerPool.create({
      count: 1,
      listenIp: LOOPBACK,
      announcedAddress: LOOPBACK,
      rtcPort: 0,
      logger: new Logger('[bench]', 'warn'),
    });
    const slot = pool.pick(() => 0);
    pin(slot.worker.pid, workerCpu);
    boost(slot.worker.pid);
    const router = await slot.worker.createRouter({ mediaCodecs });
    const forwarder = new ParleyForwarder(pool, router, sink);
    try {
      for (let i = 0; i < scenario.sources; i++) await forwarder.addSource(scenario, i);
    } catch (error) {
      await forwarder.close();
      throw error;
    }
    return forwarder;
  }

  pids(): number[] {
    return [this.pool.pick(() => 0).worker.pid];
  }

  async setSubscribers(count: number): Promise<void> {
    while (this.subscribers.length > count) {
      const subscriber = this.subscribers.pop()!;
      for (const consumer of subscriber.consumers) this.sink.forget(consumer.rtpParameters.encodings?.[0]?.ssrc ?? 0);
      subscriber.transport.close();
    }
    while (this.subscribers.length < count) this.subscribers.push(await this.addSubscriber());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sink.forgetAll();
    for (const socket of this.sockets) socket.close();
    this.pool.close();
  }

  private async addSource(scenario: Scenario, index: number): Promise<void> {
    const transport = await this.router.createPlainTransport({
      listenIp: LOOPBACK,
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: SRTP_SUITE,
    });
    const socket = dgram.createSocket('udp4');
    this.sockets.push(socket);
    await new Promise<void>((resolve) => socket.bind(0, LOOPBACK, () => resolve()));
    await new Promise<void>((resolve) => socket.connect(transport.tuple.localPort, LOOPBACK, () => resolve()));
    const srtp = new SrtpSender();
    await transport.connect({
      ip: LOOPBACK,
      port: socket.address().port,
      srtpParameters: { cryptoSuite: SRTP_SUITE, keyBase64: srtp.keyBase64 },
    });
    const ssrc = sourceSsrc(index);
    const { kind, rtpParameters, payloadType } = this.producerParameters(scenario, ssrc, index);
    this.producers.push(await transport.produce({ kind, rtpParameters }));
    this.sources.push(new RtpSource({ kind, ssrc, payloadType, packetBytes: scenario.packetBytes, bitrate: scenario.bitrate, socket, srtp }));
  }

  private producerParameters(scenario: Scenario, ssrc: number, index: number): { kind: 'audio' | 'video'; rtpParameters: RtpParameters; payloadType: number } {
    const mimeType = scenario.name === 'video' ? 'video/VP8' : 'audio/opus';
    const codec = this.router.rtpCapabilities.codecs?.find((c) => c.mimeType === mimeType);
    if (codec?.preferredPayloadType === undefined) throw new Error(`the router offers no ${mimeType}`);
    const payloadType = codec.preferredPayloadType;
    const rtcpFeedback = scenario.name === 'video' ? [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }] : [];
    return {
      kind: scenario.name,
      payloadType,
      rtpParameters: {
        mid: String(index),
        codecs: [{ mimeType, payloadType, clockRate: codec.clockRate, ...(codec.channels ? { channels: codec.channels } : {}), rtcpFeedback }],
        encodings: [{ ssrc }],
        rtcp: { cname: `bench-${index}`, reducedSize: true },
      },
    };
  }

  private async addSubscriber(): Promise<Subscriber> {
    const transport = await this.router.createPlainTransport({
      listenIp: LOOPBACK,
      rtcpMux: true,
      comedia: false,
      enableSrtp: true,
      srtpCryptoSuite: SRTP_SUITE,
    });
    // The sink never sends, so the key it "uses" only has to be well-formed.
    await transport.connect({ ip: LOOPBACK, port: this.sink.port, srtpParameters: { cryptoSuite: SRTP_SUITE, keyBase64: new SrtpSender().keyBase64 } });
    const consumers: Consumer[] = [];
    for (const [index, producer] of this.producers.entries()) {
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: this.router.rtpCapabilities });
      const ssrc = consumer.rtpParameters.encodings?.[0]?.ssrc;
      if (ssrc === undefined) throw new Error('a consumer without an SSRC');
      this.sink.expect(ssrc, this.sources[index]!);
      consumers.push(consumer);
    }
    return { transport, consumers };
  }
}
