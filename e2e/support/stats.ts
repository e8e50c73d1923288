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
  bytesReceived: number;
  framesDecoded: number;
  frameWidth: number;
  frameHeight: number;
  /** When the browser took the sample (ms); the interval between two samples is measured, not assumed. */
  timestamp: number;
}

export type MediaKind = 'audio' | 'video' | 'screen';

/** How long the helpers wait for what they measure to exist before saying what is missing. */
const FIND_TIMEOUT_MS = 10_000;

/**
 * Runs in the page: finds the element that plays `kind` from `from`, its track, the receiver of
 * that track in a live peer connection and the track's inbound-rtp stat, waiting up to
 * `timeoutMs` for each. Answers the sample, or what is missing in words (never zeros for it).
 * `statOptional`: once the receiver is found, a missing stat means "no packet has arrived yet"
 * (the browser creates it at the first packet) and the sample says so with `stat: false`.
 */
async function sampleInPage({ from, kind, timeoutMs, statOptional }: { from: string; kind: MediaKind; timeoutMs: number; statOptional: boolean }) {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    let missing: string;
    // Video plays in the person's tile; audio plays apart from the tiles (it must go on when the
    // tile is on another page), in an <audio> element named after the person.
    // A shared screen plays in its own share tile.
    const tiles = (testId: string): HTMLElement[] => [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
    const tile = kind === 'audio' ? undefined : tiles(kind === 'screen' ? 'share' : 'tile').find((t) => t.dataset.peerName === from);
    const element =
      kind === 'audio' ? [...document.querySelectorAll<HTMLAudioElement>('audio[data-peer-name]')].find((a) => a.dataset.peerName === from) : tile?.querySelector('video');
    const stream = element?.srcObject;
    const track = stream instanceof MediaStream ? stream.getTracks()[0] : undefined;
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed');
    const receiver = track && pcs.find((pc) => pc.getReceivers().some((r) => r.track.id === track.id));
    if (kind !== 'audio' && !tile) missing = `no ${kind === 'screen' ? 'share' : 'video'} tile for ${from}`;
    else if (!element) missing = kind === 'audio' ? `no <audio> element for ${from}` : `${from}'s ${kind} tile has no <video>`;
    else if (!track) missing = `the ${kind} element for ${from} plays no track`;
    else if (pcs.length === 0) missing = 'no live peer connection on this page';
    else if (!receiver) missing = `no live peer connection receives ${from}'s ${kind} track ${track.id}`;
    else {
      for (const stat of (await receiver.getStats()).values()) {
        if (stat.type === 'inbound-rtp' && stat.trackIdentifier === track.id) {
          return {
            sample: {
              bytesReceived: stat.bytesReceived ?? 0,
              framesDecoded: stat.framesDecoded ?? 0,
              frameWidth: stat.frameWidth ?? 0,
              frameHeight: stat.frameHeight ?? 0,
              timestamp: stat.timestamp,
            },
            stat: true,
          };
        }
      }
      if (statOptional) {
        const now = performance.timeOrigin + performance.now();
        return { sample: { bytesReceived: 0, framesDecoded: 0, frameWidth: 0, frameHeight: 0, timestamp: now }, stat: false };
      }
      missing = `no inbound-rtp stat for ${from}'s ${kind} track ${track.id} (no packet has arrived)`;
    }
    if (performance.now() >= deadline) return { missing };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The inbound-rtp stats for the track that `page` renders for participant `from`: the <video> of
 * their tile or their <audio> element gives the track id, which getStats() reports as
 * trackIdentifier. Waits for the element, track, receiver and stat to exist; throws naming the
 * one that is missing after `timeoutMs`, so a measurement never passes on nothing.
 */
export async function inbound(page: Page, from: string, kind: MediaKind, timeoutMs = FIND_TIMEOUT_MS): Promise<InboundSample> {
  const result = await page.evaluate(sampleInPage, { from, kind, timeoutMs, statOptional: false });
  if ('missing' in result) throw new Error(`inbound(${from}, ${kind}): ${result.missing}`);
  return result.sample;
}

/**
 * Whether `page` plays `kind` from `from` at all (an element with a track): for checking that
 * someone's media is gone. Not a measurement: use {@link inbound} to measure.
 */
export async function plays(page: Page, from: string, kind: MediaKind): Promise<boolean> {
  return !('missing' in (await page.evaluate(sampleInPage, { from, kind, timeoutMs: 0, statOptional: true })));
}

export interface Flow {
  before: InboundSample;
  after: InboundSample;
  bytes: number;
  frames: number;
}

/**
 * Two samples `ms` apart: how many bytes and frames arrived from `from` in between. Both samples
 * must find the stat (see {@link inbound}), so "no bytes" means the stream is there and silent.
 */
export async function measureFlow(page: Page, from: string, kind: MediaKind, ms = 1500): Promise<Flow> {
  const before = await inbound(page, from, kind);
  await page.waitForTimeout(ms);
  const after = await inbound(page, from, kind);
  return { before, after, bytes: after.bytesReceived - before.bytesReceived, frames: after.framesDecoded - before.framesDecoded };
}

/**
 * For a stream that may never have carried a packet (someone who joined muted): requires the
 * element, its track and the receiver in a live peer connection (throws naming what is missing),
 * then measures over `ms`. Without an inbound-rtp stat at either end, no packet arrived at all,
 * which the browser shows by not creating the stat; `statSeen` says which case it was.
 * `totalBytes`: everything received from the stream so far.
 */
export async function silenceOf(page: Page, from: string, kind: MediaKind, ms = 2000): Promise<{ bytes: number; totalBytes: number; statSeen: boolean }> {
  const sample = async (timeoutMs: number) => {
    const result = await page.evaluate(sampleInPage, { from, kind, timeoutMs, statOptional: true });
    if ('missing' in result) throw new Error(`silenceOf(${from}, ${kind}): ${result.missing}`);
    return result;
  };
  const before = await sample(FIND_TIMEOUT_MS);
  await page.waitForTimeout(ms);
  const after = await sample(0);
  const totalBytes = after.sample.bytesReceived;
  return { bytes: totalBytes - before.sample.bytesReceived, totalBytes, statSeen: before.stat || after.stat };
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
export async function inboundTotals(page: Page, kind: 'audio' | 'video'): Promise<{ bytesReceived: number; framesDecoded: number }> {
  const totals = await page.evaluate(async (kind) => {
    const totals = { bytesReceived: 0, framesDecoded: 0 };
    const live = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((pc) => pc.connectionState !== 'closed');
    // Nothing to add up is not zero received: there is no connection to receive on.
    if (live.length === 0) return null;
    for (const pc of live) {
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'inbound-rtp' && stat.kind === kind) {
          totals.bytesReceived += stat.bytesReceived ?? 0;
          totals.framesDecoded += stat.framesDecoded ?? 0;
        }
      }
    }
    return totals;
  }, kind);
  if (!totals) throw new Error(`inboundTotals(${kind}): no live peer connection on this page`);
  return totals;
}

/**
 * Bytes sent so far by each simulcast encoding (by rid) of the page's outgoing video. Throws when
 * the page sends no video at all (no live connection, no outbound-rtp video stat).
 */
export async function outboundByRid(page: Page): Promise<Record<string, number>> {
  const byRid = await page.evaluate(async () => {
    const byRid: Record<string, number> = {};
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video') byRid[stat.rid ?? '-'] = (byRid[stat.rid ?? '-'] ?? 0) + (stat.bytesSent ?? 0);
      }
    }
    return byRid;
  });
  if (Object.keys(byRid).length === 0) throw new Error('outboundByRid(): no outbound-rtp video stat on this page');
  return byRid;
}

/** What one simulcast encoding of the page's outgoing video sends now. */
export interface OutboundLayer {
  /** Width of the frames it sends; null while it sends none (paused, or dropped by the browser). */
  frameWidth: number | null;
  /** Why the browser sends less than asked ('none', 'cpu', 'bandwidth', 'other'). */
  qualityLimitationReason: string;
}

/**
 * The encoding `rid` of the page's outgoing camera as sent right now: its frame width (the browser
 * scales layers down when the CPU is short, and drops the top one when the uplink estimate is) and
 * why it is limited. Throws when the page has no such encoding at all.
 */
export async function outboundLayer(page: Page, rid: string): Promise<OutboundLayer> {
  const layer = await page.evaluate(async (rid) => {
    for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video' && stat.rid === rid) {
          const sending = stat.active !== false && (stat.frameWidth ?? 0) > 0;
          return { frameWidth: sending ? (stat.frameWidth as number) : null, qualityLimitationReason: String(stat.qualityLimitationReason ?? 'none') };
        }
      }
    }
    return null;
  }, rid);
  if (!layer) throw new Error(`outboundLayer(${rid}): the page has no outgoing encoding ${rid}`);
  return layer;
}

/** Bytes sent so far by the simulcast encoding `rid`; throws if the page has no such encoding. */
export async function outboundBytes(page: Page, rid: string): Promise<number> {
  const byRid = await outboundByRid(page);
  const bytes = byRid[rid];
  if (bytes === undefined) throw new Error(`outboundBytes(${rid}): no outbound-rtp stat for encoding ${rid} (encodings: ${Object.keys(byRid).join(', ')})`);
  return bytes;
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
