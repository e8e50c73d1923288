import type { Page } from '@playwright/test';

/** One `consumerLayersChanged` the page was sent: when (page clock, ms), which consumer, which layer. */
export interface LayerEvent {
  at: number;
  consumerId: string;
  spatialLayer: number | null;
}

/** What the page told the server about each tile, as it went out. */
export interface SentView {
  visible: boolean;
  width: number;
  height: number;
}

export interface ProbeState {
  views: Record<string, SentView>;
  layerEvents: LayerEvent[];
}

/**
 * Init script, run in the page before the app: watches the signaling socket, recording every
 * `setConsumerView` the client sends and every `consumerLayersChanged` the server sends back. With
 * `claim` set (the baseline), each view of a visible tile is rewritten on its way out to claim
 * that size, so the real client and server run unchanged while every tile asks for the top layer.
 */
export function recordViews(claim: { width: number; height: number } | null): void {
  const state: ProbeState = { views: {}, layerEvents: [] };
  (window as unknown as { __views: ProbeState }).__views = state;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as { type: string; method?: string; data?: { consumerId: string; spatialLayer: number | null } };
        if (message.type === 'notification' && message.method === 'consumerLayersChanged' && message.data) {
          state.layerEvents.push({ at: performance.now(), consumerId: message.data.consumerId, spatialLayer: message.data.spatialLayer });
        }
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') {
        const frame = JSON.parse(data) as { method?: string; data?: SentView & { consumerId: string } };
        if (frame.method === 'setConsumerView' && frame.data) {
          if (claim && frame.data.visible) {
            frame.data.width = claim.width;
            frame.data.height = claim.height;
            data = JSON.stringify(frame);
          }
          const { consumerId, visible, width, height } = frame.data;
          state.views[consumerId] = { visible, width, height };
        }
      }
      super.send(data);
    }
  } as typeof WebSocket;
}

export function readProbe(page: Page): Promise<ProbeState & { now: number }> {
  return page.evaluate(() => ({ ...(window as unknown as { __views: ProbeState }).__views, now: performance.now() }));
}

/**
 * Video bytes received per inbound stream (by SSRC) over every open connection, with the page
 * clock. mediasoup-client's `probator` stream (the SFU's bandwidth probes, no tile's video) is
 * counted apart.
 */
export function inboundVideoBytes(page: Page): Promise<{ at: number; bytes: Record<string, number>; probation: number }> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    const bytes: Record<string, number> = {};
    let probation = 0;
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') continue;
        if (stat.mid === 'probator') probation += stat.bytesReceived ?? 0;
        else bytes[String(stat.ssrc)] = stat.bytesReceived ?? 0;
      }
    }
    return { at: performance.now(), bytes, probation };
  });
}

/** The grid's tiles as laid out: how many, and their CSS sizes. */
export function gridTiles(page: Page): Promise<Array<{ width: number; height: number }>> {
  return page.evaluate(() =>
    [...document.querySelectorAll('section[aria-label="Participants"] > *')].map((element) => {
      const box = element.getBoundingClientRect();
      return { width: Math.round(box.width), height: Math.round(box.height) };
    }),
  );
}
