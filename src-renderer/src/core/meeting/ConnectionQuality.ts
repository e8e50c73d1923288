import type { PeerId } from '../../../../src-common/ids';
import type { RemoteParticipant } from '../media/Participants';
import { Store } from '../base/Store';

/** What the details view shows; null where the stats have nothing yet. */
export interface QualityStats {
  /** Packets lost over the last interval, percent. */
  lossPercent: number | null;
  /** Round trip to the server, ms. */
  rttMs: number | null;
  /** Media received from them (or, for you, sent), kbit/s over the last interval. */
  bitrateKbps: number | null;
}

/** 0: nothing measured yet; 1 poor, 2 fair, 3 good. */
export type Bars = 0 | 1 | 2 | 3;

export interface Quality extends QualityStats {
  bars: Bars;
}

/**
 * Bars from loss and round-trip time. Bitrate is shown in the details but does not lower the
 * bars: a muted microphone or a camera that is off sends almost nothing on a perfect link.
 */
export function barsFor({ lossPercent, rttMs }: QualityStats): Bars {
  if (lossPercent === null && rttMs === null) return 0;
  const loss = lossPercent ?? 0;
  const rtt = rttMs ?? 0;
  if (loss < 2 && rtt < 150) return 3;
  if (loss < 8 && rtt < 400) return 2;
  return 1;
}

/** Counters summed over some RTP streams at one moment. */
export interface Counters {
  bytes: number;
  packets: number;
  lost: number;
  /** ms */
  at: number;
}

type Stat = Record<string, unknown> & { type: string };

function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** The round trip of the transport's selected ICE candidate pair, in ms. */
export function transportRtt(report: RTCStatsReport): number | null {
  for (const stat of report.values() as IterableIterator<Stat>) {
    if (stat.type === 'candidate-pair' && (stat.nominated === true || stat.selected === true) && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') {
      return stat.currentRoundTripTime * 1000;
    }
  }
  return null;
}

/** Received counters of the inbound streams that carry `trackIds`; null when none is there yet. */
export function inboundCounters(report: RTCStatsReport, trackIds: ReadonlySet<string>): Counters | null {
  let found: Counters | null = null;
  for (const stat of report.values() as IterableIterator<Stat>) {
    if (stat.type !== 'inbound-rtp' || !trackIds.has(String(stat.trackIdentifier))) continue;
    found ??= { bytes: 0, packets: 0, lost: 0, at: 0 };
    found.bytes += num(stat.bytesReceived);
    found.packets += num(stat.packetsReceived);
    found.lost += Math.max(0, num(stat.packetsLost));
    found.at = Math.max(found.at, num(stat.timestamp));
  }
  return found;
}

/** Sent counters of every outbound stream; `lost` and `packets` as the server reported them back. */
export function outboundCounters(report: RTCStatsReport): Counters | null {
  let found: Counters | null = null;
  for (const stat of report.values() as IterableIterator<Stat>) {
    if (stat.type === 'outbound-rtp') {
      found ??= { bytes: 0, packets: 0, lost: 0, at: 0 };
      found.bytes += num(stat.bytesSent);
      found.packets += num(stat.packetsSent);
      found.at = Math.max(found.at, num(stat.timestamp));
    } else if (stat.type === 'remote-inbound-rtp') {
      found ??= { bytes: 0, packets: 0, lost: 0, at: 0 };
      found.lost += Math.max(0, num(stat.packetsLost));
    }
  }
  return found;
}

/** Loss and bitrate between two samples of the same streams. */
export function between(before: Counters | undefined, after: Counters): Pick<QualityStats, 'lossPercent' | 'bitrateKbps'> {
  if (!before || after.at <= before.at) return { lossPercent: null, bitrateKbps: null };
  const lost = Math.max(0, after.lost - before.lost);
  const packets = Math.max(0, after.packets - before.packets);
  const seconds = (after.at - before.at) / 1000;
  return {
    lossPercent: lost + packets === 0 ? null : (100 * lost) / (lost + packets),
    bitrateKbps: Math.max(0, ((after.bytes - before.bytes) * 8) / 1000 / seconds),
  };
}

/** What the quality monitor reads of a session. */
export interface StatsSource {
  transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }>;
  readonly state: { get(): { localPeerId: PeerId | null; participants: readonly RemoteParticipant[] } };
}

function trackIdsOf(p: RemoteParticipant): Set<string> {
  return new Set(Object.values(p.tracks).map((t) => t.id));
}

export const QUALITY_INTERVAL_MS = 2000;

/**
 * Connection quality per person, from the transports' getStats() every couple of seconds: for
 * others, loss and bitrate of what we receive from them; for you, of what you send (loss as the
 * server reports it back); the round trip to the server for both.
 */
export class ConnectionQuality {
  readonly state = new Store<ReadonlyMap<PeerId, Quality>>(new Map());
  private readonly previous = new Map<string, Counters>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly source: StatsSource) {}

  start(intervalMs = QUALITY_INTERVAL_MS): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sample().catch((error: unknown) => console.warn('connection quality: reading stats failed', error));
    }, intervalMs);
  }

  /** Takes one sample now and publishes the result. */
  async sample(): Promise<void> {
    const { send, recv } = await this.source.transportStats();
    const { localPeerId, participants } = this.source.state.get();
    const next = new Map<PeerId, Quality>();
    const recvRtt = recv ? transportRtt(recv) : null;
    if (recv) {
      for (const p of participants) {
        const counters = inboundCounters(recv, trackIdsOf(p));
        const stats: QualityStats = { lossPercent: null, bitrateKbps: null, rttMs: recvRtt };
        if (counters) {
          Object.assign(stats, between(this.previous.get(p.peerId), counters));
          this.previous.set(p.peerId, counters);
        }
        next.set(p.peerId, { ...stats, bars: barsFor(stats) });
      }
    }
    if (localPeerId && send) {
      const counters = outboundCounters(send);
      const stats: QualityStats = { lossPercent: null, bitrateKbps: null, rttMs: transportRtt(send) ?? recvRtt };
      if (counters) {
        Object.assign(stats, between(this.previous.get('local'), counters));
        this.previous.set('local', counters);
      }
      next.set(localPeerId, { ...stats, bars: barsFor(stats) });
    }
    this.state.set(next);
  }

  /** Stops sampling. Safe to call twice. */
  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
