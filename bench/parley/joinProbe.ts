import type { Page } from '@playwright/test';

/** Milestones of one join, ms on the page's clock (performance.now()). */
export interface JoinMilestones {
  click: number;
  signalingOpen: number;
  transportsCreated: number;
  mediaConnected: number;
  firstRtp: number;
  firstKeyFrame: number;
  firstDecoded: number;
}

/**
 * Init script, run in the page before the app: records the Join click, when the signaling socket
 * opened, when both createWebRtcTransport answers arrived, and when each RTCPeerConnection reached
 * 'connected' (ICE + DTLS done). Nothing in the product is changed or hooked by name except the
 * two browser classes, which are wrapped.
 */
export function recordJoinMilestones(): void {
  const marks = { click: 0, signalingOpen: 0, transportsCreated: 0, connected: new Map<RTCPeerConnection, number>(), pcs: [] as RTCPeerConnection[] };
  (window as unknown as { __join: typeof marks; __pcs: RTCPeerConnection[] }).__join = marks;
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = marks.pcs;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    private readonly methods = new Map<number, string>();
    private transports = 0;
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('open', () => (marks.signalingOpen ||= performance.now()));
      this.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as { type: string; id?: number };
        if (message.type === 'response' && message.id !== undefined && this.methods.get(message.id) === 'createWebRtcTransport') {
          if (++this.transports === 2) marks.transportsCreated ||= performance.now();
        }
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') {
        const frame = JSON.parse(data) as { id?: number; method?: string };
        if (frame.id !== undefined && frame.method) this.methods.set(frame.id, frame.method);
      }
      super.send(data);
    }
  } as typeof WebSocket;
  const NativePc = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePc {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      marks.pcs.push(this);
      this.addEventListener('connectionstatechange', () => {
        if (this.connectionState === 'connected' && !marks.connected.has(this)) marks.connected.set(this, performance.now());
      });
    }
  } as typeof RTCPeerConnection;
  document.addEventListener(
    'click',
    (event) => {
      if ((event.target as Element | null)?.closest?.('button[type=submit]')) marks.click = performance.now();
    },
    true,
  );
}

/**
 * After the click: polls getStats every 10 ms (at most 15 s) until a remote video frame is
 * decoded, noting the first RTP packet, the first complete frame (VP8 receivers assemble nothing
 * before a key frame, so that is the first key frame) and the first decoded frame.
 */
export function waitForFirstFrame(page: Page): Promise<JoinMilestones> {
  return page.evaluate(async () => {
    const marks = (window as unknown as {
      __join: { click: number; signalingOpen: number; transportsCreated: number; connected: Map<RTCPeerConnection, number>; pcs: RTCPeerConnection[] };
    }).__join;
    let firstRtp = 0;
    let firstKeyFrame = 0;
    for (let i = 0; i < 1500; i++) {
      for (const pc of marks.pcs) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        for (const stat of report.values()) {
          if (stat.type !== 'inbound-rtp' || stat.kind !== 'video') continue;
          const now = performance.now();
          if (!firstRtp && (stat.packetsReceived ?? 0) > 0) firstRtp = now;
          if (!firstKeyFrame && (stat.framesReceived ?? 0) > 0) firstKeyFrame = now;
          if ((stat.framesDecoded ?? 0) > 0) {
            return {
              click: marks.click,
              signalingOpen: marks.signalingOpen,
              transportsCreated: marks.transportsCreated,
              mediaConnected: marks.connected.get(pc) ?? 0,
              firstRtp: firstRtp || now,
              firstKeyFrame: firstKeyFrame || now,
              firstDecoded: now,
            };
          }
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('no remote video frame decoded within 15 s of the Join click');
  });
}

export const phaseNames = ['signaling connect', 'transports', 'ICE + DTLS', 'first RTP', 'first key frame', 'decode'] as const;
export type PhaseName = (typeof phaseNames)[number];

/**
 * Durations of the phases, each from the previous milestone (a milestone seen out of order, within
 * one 10 ms poll, counts as reached together with the previous one). They add up to the total.
 */
export function phases(m: JoinMilestones): { total: number; phases: Record<PhaseName, number> } {
  const order = [m.signalingOpen, m.transportsCreated, m.mediaConnected, m.firstRtp, m.firstKeyFrame, m.firstDecoded];
  const result = {} as Record<PhaseName, number>;
  let previous = m.click;
  order.forEach((time, i) => {
    const reached = Math.max(previous, time);
    result[phaseNames[i]!] = reached - previous;
    previous = reached;
  });
  return { total: m.firstDecoded - m.click, phases: result };
}
