import dgram from 'node:dgram';
import type { StartedChild } from '../lib/ChildProcess';
import { startChild } from '../lib/ChildProcess';
import { RtpSource } from '../rtp/RtpSource';
import type { Sink } from '../rtp/Sink';
import type { Forwarder } from './Forwarder';
import { sourceSsrc, type Scenario } from './scenarios';

const LOOPBACK = '127.0.0.1';
/** A relay ends itself after this long, whatever happens to the harness. */
const RELAY_MAX_SECONDS = 120;

/**
 * One of the C floor relays as a forwarder: plain RTP in (no SRTP to undo), a copy per subscriber
 * out, pinned to the same core the SFU worker gets. A new subscriber count restarts the relay on
 * the same port with the new fan-out.
 */
export class RelayForwarder implements Forwarder {
  readonly sources: RtpSource[] = [];
  private relay: StartedChild | undefined;
  private port = 0;
  private readonly sockets: dgram.Socket[] = [];
  private closed = false;

  constructor(
    readonly label: string,
    private readonly binary: string,
    private readonly scenario: Scenario,
    private readonly sink: Sink,
    private readonly cpu: string,
  ) {}

  pids(): number[] {
    return this.relay ? [this.relay.pid] : [];
  }

  async setSubscribers(count: number): Promise<void> {
    await this.relay?.stop();
    this.sink.forgetAll();
    const { child, match } = await startChild('nice', ['-n', '-20', 'taskset', '-c', this.cpu, this.binary, String(this.port), String(this.sink.port), String(count), String(RELAY_MAX_SECONDS)], {
      ready: /^ready (\d+)$/,
      timeoutMs: 5000,
      label: this.label,
    });
    this.relay = child;
    this.port = Number(match[1]);
    if (this.sources.length === 0) await this.createSources();
    for (const source of this.sources) {
      for (let i = 0; i < count; i++) this.sink.expect((source.ssrc + i + 1) >>> 0, source);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.sink.forgetAll();
    for (const socket of this.sockets) socket.close();
    await this.relay?.stop();
  }

  private async createSources(): Promise<void> {
    for (let i = 0; i < this.scenario.sources; i++) {
      const socket = dgram.createSocket('udp4');
      this.sockets.push(socket);
      await new Promise<void>((resolve) => socket.connect(this.port, LOOPBACK, () => resolve()));
      this.sources.push(
        new RtpSource({
          kind: this.scenario.name,
          ssrc: sourceSsrc(i),
          payloadType: this.scenario.name === 'video' ? 101 : 100,
          packetBytes: this.scenario.packetBytes,
          bitrate: this.scenario.bitrate,
          socket,
          srtp: null,
        }),
      );
    }
  }
}
