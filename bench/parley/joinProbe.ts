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
  /** Width of the first decoded remote frame (which simulcast layer came first). */
  firstWidth: number;
  /** Every signaling request of the join, in the order sent: method, sent and answered (0: never). */
  requests: RequestMark[];
  /** The page's main thread busy for 50 ms or more at a time (PerformanceObserver 'longtask') during the join. */
  longTasks: Array<{ start: number; duration: number }>;
}

/** One signaling request seen on the page's socket, ms on the page's clock. */
export interface RequestMark {
  method: string;
  sent: number;
  answered: number;
}

/**
 * Init script, run in the page before the app: records the Join click, when the signaling socket
 * opened, when both createWebRtcTransport answers arrived, and when each RTCPeerConnection reached
 * 'connected' (ICE + DTLS done). Nothing in the product is changed or hooked by name except the
 * two browser classes, which are wrapped.
 */
export function recordJoinMilestones(): void {
  const marks = {
    click: 0,
    signalingOpen: 0,
    transportsCreated: 0,
    connected: new Map<RTCPeerConnection, number>(),
    pcs: [] as RTCPeerConnection[],
    requests: [] as { method: string; sent: number; answered: number }[],
    longTasks: [] as { start: number; duration: number }[],
  };
  (window as unknown as { __join: typeof marks; __pcs: RTCPeerConnection[] }).__join = marks;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) marks.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs = marks.pcs;
  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    private readonly methods = new Map<number, { method: string; sent: number; answered: number }>();
    private transports = 0;
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('open', () => (marks.signalingOpen ||= performance.now()));
      this.addEventListener('message', (event: MessageEvent) => {
        const message = JSON.parse(String(event.data)) as { type: string; id?: number; data?: { transports?: { send?: unknown; recv?: unknown } } };
        const request = message.type === 'response' && message.id !== undefined ? this.methods.get(message.id) : undefined;
        if (!request) return;
        request.answered = performance.now();
        // Both transports are known from two createWebRtcTransport answers, or from a join that brought them.
        if (request.method === 'join' && message.data?.transports?.send && message.data.transports.recv) marks.transportsCreated ||= request.answered;
        if (request.method === 'createWebRtcTransport' && ++this.transports === 2) marks.transportsCreated ||= request.answered;
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === 'string') {
        const frame = JSON.parse(data) as { id?: number; method?: string };
        if (frame.id !== undefined && frame.method) {
          const request = { method: frame.method, sent: performance.now(), answered: 0 };
          this.methods.set(frame.id, request);
          marks.requests.push(request);
        }
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
      __join: {
        click: number;
        signalingOpen: number;
        transportsCreated: number;
        connected: Map<RTCPeerConnection, number>;
        pcs: RTCPeerConnection[];
        requests: { method: string; sent: number; answered: number }[];
        longTasks: { start: number; duration: number }[];
      };
    }).__join;
    let firstRtp = 0;
    let firstKeyFrame = 0;
    for (let i = 0; i < 1500; i++) {
      for (const pc of marks.pcs) {
        if (pc.connectionState === 'closed') continue;
        const report = await pc.getStats();
        for (const stat of report.values()) {
          // mediasoup's bandwidth probe (mid "probator", padding only) is not a picture on its way.
          if (stat.type !== 'inbound-rtp' || stat.kind !== 'video' || stat.mid === 'probator') continue;
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
              firstWidth: stat.frameWidth ?? 0,
              requests: marks.requests.filter((r) => r.sent >= marks.click),
              longTasks: marks.longTasks.filter((t) => t.start + t.duration >= marks.click && t.start <= now),
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

/** The join as one line, ms after the click: each request (sent-answered) and the media milestones. */
export function timeline(m: JoinMilestones): string {
  const at = (t: number): number => Math.round(t - m.click);
  const requests = m.requests.map((r) => `${r.method} ${at(r.sent)}-${r.answered ? at(r.answered) : 'none'}`);
  const busy = m.longTasks.map((t) => `busy ${at(t.start)}+${Math.round(t.duration)}`);
  return [...requests, ...busy, `connected ${at(m.mediaConnected)}`, `rtp ${at(m.firstRtp)}`, `decoded ${at(m.firstDecoded)} (${m.firstWidth} px wide)`].join(', ');
}
