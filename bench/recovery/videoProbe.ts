import type { Page } from '@playwright/test';
import type { FrameSample } from './timeline';

/** One video consume of the page, from the signaling it sent and received (epoch ms). */
export interface ConsumeRecord {
  consumerId: string;
  peerId: string;
  ssrc: number;
  /** The `consume` request went out. */
  sentAt: number;
  /** Its answer came back. */
  answeredAt: number;
  /** The last `setConsumerView` with `visible: true` for it went out (0: none yet). */
  visibleSentAt: number;
  /** The receiver first reported a decoded frame for it (0: not yet). */
  firstDecodedAt: number;
}

interface ProbeWindow {
  __vr: {
    consumes: ConsumeRecord[];
    samples: FrameSample[];
    watching: boolean;
  };
}

/**
 * Init script, run in the page before the app. Records every video `consume` the client sends
 * (the answer gives the consumer's SSRC, which getStats reports) and each `setConsumerView` that
 * shows a consumer. Nothing in the product is changed or called by name; only the browser's
 * WebSocket class is wrapped. The page's connections come from `recordPeerConnections` (`__pcs`).
 */
export function recordVideo(): void {
  const now = (): number => performance.timeOrigin + performance.now();
  const state: ProbeWindow['__vr'] = { consumes: [], samples: [], watching: false };
  (window as unknown as ProbeWindow).__vr = state;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    private readonly consumesSent = new Map<number, number>();
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as {
          type: string;
          id?: number;
          ok?: boolean;
          data?: { consumerId: string; peerId: string; kind: string; rtpParameters: { encodings?: Array<{ ssrc?: number }> } };
        };
        if (message.type !== 'response' || message.id === undefined) return;
        const sentAt = this.consumesSent.get(message.id);
        if (sentAt === undefined) return;
        this.consumesSent.delete(message.id);
        const data = message.data;
        if (!message.ok || !data || data.kind !== 'video') return;
        const ssrc = data.rtpParameters.encodings?.[0]?.ssrc ?? 0;
        state.consumes.push({ consumerId: data.consumerId, peerId: data.peerId, ssrc, sentAt, answeredAt: now(), visibleSentAt: 0, firstDecodedAt: 0 });
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') {
        const frame = JSON.parse(data) as { id?: number; method?: string; data?: { consumerId?: string; visible?: boolean } };
        if (frame.method === 'consume' && frame.id !== undefined) this.consumesSent.set(frame.id, now());
        if (frame.method === 'setConsumerView' && frame.data?.visible) {
          const record = state.consumes.find((c) => c.consumerId === frame.data?.consumerId);
          if (record) record.visibleSentAt = now();
        }
      }
      super.send(data);
    }
  } as typeof WebSocket;
}

/**
 * Starts (or restarts) the page's watch: every 10 ms it reads each receiving video transceiver's
 * stats and appends one sample of "remote video frames decoded so far" (each stream's highest
 * framesDecoded, summed over every stream the page ever received, so the count never drops when
 * a connection is replaced), and notes each consumer's first decoded frame. Old samples are dropped.
 */
export function startWatch(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as ProbeWindow & { __pcs: RTCPeerConnection[]; __vrFrames?: Map<number, number> };
    const state = w.__vr;
    state.samples = [];
    if (state.watching) return;
    state.watching = true;
    const frames = (w.__vrFrames ??= new Map<number, number>());
    const tick = async (): Promise<void> => {
      while (state.watching) {
        const started = performance.now();
        for (const pc of w.__pcs) {
          if (pc.connectionState === 'closed') continue;
          for (const transceiver of pc.getTransceivers()) {
            // Receiving video only: not the sending side, not mediasoup's probe stream, and not
            // the transceivers of closed consumers (inactive), which pile up over the tries.
            const receiving = transceiver.currentDirection === 'recvonly' || transceiver.currentDirection === 'sendrecv';
            if (!receiving || transceiver.receiver.track.kind !== 'video' || transceiver.mid === 'probator') continue;
            for (const stat of (await transceiver.receiver.getStats()).values()) {
              if (stat.type !== 'inbound-rtp') continue;
              const decoded = (stat.framesDecoded as number | undefined) ?? 0;
              frames.set(stat.ssrc as number, Math.max(frames.get(stat.ssrc as number) ?? 0, decoded));
              if (decoded > 0) {
                const record = state.consumes.find((c) => c.ssrc === stat.ssrc && c.firstDecodedAt === 0);
                if (record) record.firstDecodedAt = performance.timeOrigin + performance.now();
              }
            }
          }
        }
        let total = 0;
        for (const count of frames.values()) total += count;
        state.samples.push({ at: performance.timeOrigin + performance.now(), frames: total });
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10 - (performance.now() - started))));
      }
    };
    void tick();
  });
}

export function stopWatch(page: Page): Promise<void> {
  return page.evaluate(() => {
    (window as unknown as ProbeWindow).__vr.watching = false;
  });
}

/** The watch's samples from index `from` on. */
export function samplesFrom(page: Page, from: number): Promise<FrameSample[]> {
  return page.evaluate((from) => (window as unknown as ProbeWindow).__vr.samples.slice(from), from);
}

/** Every video consume the page made so far. */
export function consumes(page: Page): Promise<ConsumeRecord[]> {
  return page.evaluate(() => (window as unknown as ProbeWindow).__vr.consumes.map((c) => ({ ...c })));
}

/**
 * How far the page's clock (epoch ms from performance.timeOrigin) is ahead of this process's
 * Date.now(), read around one round trip: add it to a harness time to get the page's time.
 */
export async function clockOffset(page: Page): Promise<number> {
  const before = Date.now();
  const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
  const after = Date.now();
  return pageNow - (before + after) / 2;
}
