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
}

/**
 * The inbound-rtp stats for the track that `page` renders for participant `from`: the tile's
 * <video> or <audio> element gives the track id, which getStats() reports as trackIdentifier.
 */
export function inbound(page: Page, from: string, kind: 'audio' | 'video'): Promise<InboundSample> {
  return page.evaluate(
    async ({ from, kind }) => {
      const empty = { found: false, bytesReceived: 0, framesDecoded: 0, frameWidth: 0, frameHeight: 0 };
      const tile = [...document.querySelectorAll<HTMLElement>('[data-testid="tile"]')].find((t) => t.dataset.peerName === from);
      const element = tile?.querySelector<HTMLMediaElement>(kind);
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
export async function measureFlow(page: Page, from: string, kind: 'audio' | 'video', ms = 1500): Promise<Flow> {
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
