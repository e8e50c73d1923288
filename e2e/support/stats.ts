import type { Page } from '@playwright/test';

/**
 * Init script, run in the page before the app: keeps a reference to every RTCPeerConnection the
 * app creates (so tests can read getStats() without any hook in the product) and records when the
 * Join button was clicked.
 */
export function recordPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const connections: RTCPeerConnection[] = [];
  const w = window as unknown as { __pcs: RTCPeerConnection[]; __joinClickedAt?: number };
  w.__pcs = connections;
  window.RTCPeerConnection = class extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      connections.push(this);
    }
  } as typeof RTCPeerConnection;
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element | null)?.closest?.('button[type=submit]')) w.__joinClickedAt = performance.now();
    },
    true,
  );
}

export interface InboundSample {
  /** Whether the tile exists and has a track of that kind at all. */
  found: boolean;
  bytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  /** When the browser took the sample (ms); the interval between two samples is measured, not assumed. */
  timestamp: number;
}

/**
 * The inbound-rtp stats for the track that `page` renders for participant `from`: the <video> of
 * their tile or their <audio> element gives the track id, which getStats() reports as trackIdentifier.
 */
export function inbound(page: Page, from: string, kind: 'audio' | 'video' | 'screen'): Promise<InboundSample> {
  return page.evaluate(
    async ({ from, kind }) => {
      const empty = { found: false, bytesReceived: 0, framesDecoded: 0, frameWidth: 0, frameHeight: 0, timestamp: performance.timeOrigin + performance.now() };
      // Video plays in the person's tile; audio plays apart from the tiles (it must go on when the
      // tile is on another page), in an <audio> element named after the person.
      // A shared screen plays in its own share tile.
      const tiles = (testId: string): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
      const element =
        kind === 'audio'
          ? [...document.querySelectorAll<HTMLAudioElement>('audio[data-peer-name]')].find((a) => a.dataset.peerName === from)
          : tiles(kind === 'screen' ? 'share' : 'tile').find((t) => t.dataset.peerName === from)?.querySelector('video');
      const stream = element?.srcObject;
      const track = stream instanceof MediaStream ? stream.getTracks()[0] : undefined;
      if (!track) return empty;
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      for (const pc of pcs) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        for (const stat of report.values()) {
          if (stat.type === 'inbound-rtp' && stat.trackIdentifier === track.id) {
            return {
              found: true,
              bytesReceived: stat.bytesReceived ?? 0,
              framesDecoded: stat.framesDecoded ?? 0,
              frameWidth: stat.frameWidth ?? 0,
              frameHeight: stat.frameHeight ?? 0,
              timestamp: stat.timestamp,
            };
          }
        }
      }
      return { ...empty, found: true };
    },
    { from, kind },
  );
}

export interface Flow {
  before: InboundSample;
  after: InboundSample;
  bytes: number;
  frames: number;
}

/** Two samples `ms` apart: how many bytes and frames arrived from `from` in between. */
export async function measureFlow(page: Page, from: string, kind: 'audio' | 'video' | 'screen', ms = 1500): Promise<Flow> {
  const before = await inbound(page, from, kind);
  await page.waitForTimeout(ms);
  const after = await inbound(page, from, kind);
  return { before, after, bytes: after.bytesReceived - before.bytesReceived, frames: after.framesDecoded - before.framesDecoded };
}

/** Resolves (in the page) with ms from the Join click to the first remote video frame decoded. */
export function joinToFirstFrame(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const w = window as unknown as { __pcs: RTCPeerConnection[]; __joinClickedAt?: number };
    for (;;) {
      for (const pc of w.__pcs) {
        const report = await pc.getStats();
        for (const stat of report.values()) {
          if (stat.type === 'inbound-rtp' && stat.kind === 'video' && (stat.framesDecoded ?? 0) > 0) {
            return performance.now() - (w.__joinClickedAt ?? 0);
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
}

/** Totals over every inbound-rtp stream of a kind in the page (whoever it comes from). */
export function inboundTotals(page: Page, kind: 'audio' | 'video'): Promise<{ bytesReceived: number; framesDecoded: number }> {
  return page.evaluate(async (kind) => {
    const totals = { bytesReceived: 0, framesDecoded: 0 };
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'inbound-rtp' && stat.kind === kind) {
          totals.bytesReceived += stat.bytesReceived ?? 0;
          totals.framesDecoded += stat.framesDecoded ?? 0;
        }
      }
    }
    return totals;
  }, kind);
}

/** Bytes sent so far by each simulcast encoding (by rid) of the page's outgoing video. */
export function outboundByRid(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const byRid: Record<string, number> = {};
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video') byRid[stat.rid ?? '-'] = (byRid[stat.rid ?? '-'] ?? 0) + (stat.bytesSent ?? 0);
      }
    }
    return byRid;
  });
}

/**
 * Watches, inside the page, how long the browser goes without receiving an audio packet: every
 * 100 ms it reads each inbound audio stream's `lastPacketReceivedTimestamp` against the report's
 * own timestamp. Both are the browser's clock, so a busy test process (or a slow poll) cannot
 * make a gap appear or disappear; the resolution is the sampling interval.
 * `stop()` returns the longest gap seen on any stream that had received audio, and the packets
 * received while watching.
 */
export async function watchAudioArrival(page: Page): Promise<{ stop(): Promise<{ longestGapMs: number; packets: number }> }> {
  await page.evaluate(() => {
    type Watch = { longestGapMs: number; packetsAtStart: Map<string, number>; packets: Map<string, number>; timer: number };
    const w = window as unknown as { __pcs: RTCPeerConnection[]; __audioWatch?: Watch };
    const watch: Watch = { longestGapMs: 0, packetsAtStart: new Map(), packets: new Map(), timer: 0 };
    const sample = async (): Promise<void> => {
      for (const pc of w.__pcs) {
        if (pc.connectionState === 'closed') continue;
        for (const stat of (await pc.getStats()).values()) {
          if (stat.type !== 'inbound-rtp' || stat.kind !== 'audio' || !(stat.packetsReceived > 0)) continue;
          if (!watch.packetsAtStart.has(stat.id)) watch.packetsAtStart.set(stat.id, stat.packetsReceived);
          watch.packets.set(stat.id, stat.packetsReceived);
          if (typeof stat.lastPacketReceivedTimestamp === 'number') {
            watch.longestGapMs = Math.max(watch.longestGapMs, stat.timestamp - stat.lastPacketReceivedTimestamp);
          }
        }
      }
    };
    let busy = false;
    watch.timer = window.setInterval(() => {
      if (busy) return;
      busy = true;
      void sample().finally(() => (busy = false));
    }, 100);
    w.__audioWatch = watch;
  });
  return {
    stop: () =>
      page.evaluate(() => {
        const w = window as unknown as { __audioWatch: { longestGapMs: number; packetsAtStart: Map<string, number>; packets: Map<string, number>; timer: number } };
        const watch = w.__audioWatch;
        window.clearInterval(watch.timer);
        let packets = 0;
        for (const [id, count] of watch.packets) packets += count - (watch.packetsAtStart.get(id) ?? count);
        return { longestGapMs: watch.longestGapMs, packets };
      }),
  };
}
