/** What makes a session try to recover its connection (resume, with an ICE restart). */
export type NetworkSignal =
  /** The browser lost every network: nothing gets through until `online`. */
  | 'offline'
  /** A network came (back): addresses may have changed, so old sockets and ICE pairs may be dead. */
  | 'online'
  /** A media transport lost its path to the server (ICE failed, or stayed disconnected). */
  | 'mediaLost';

/** The window's online/offline events (an EventTarget in tests). */
export type NetworkEventTarget = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** The part of a mediasoup-client transport watched here. */
export interface WatchedTransport {
  readonly connectionState: string;
  on(event: 'connectionstatechange', listener: (state: string) => void): unknown;
}

/** ICE reports `disconnected` on a short blip and often recovers by itself; only a lasting one counts. */
export const DISCONNECTED_GRACE_MS = 2_000;

/**
 * Turns browser network events and transport connection states into recovery signals. `failed`
 * is acted on at once; `disconnected` only if it lasts {@link DISCONNECTED_GRACE_MS}, so the
 * consent-check hiccups of a lossy link do not restart anything.
 */
export class NetworkWatch {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private closed = false;
  private readonly onOffline = (): void => this.signal('offline');
  private readonly onOnline = (): void => this.signal('online');

  constructor(
    private readonly target: NetworkEventTarget,
    private readonly onSignal: (signal: NetworkSignal) => void,
    private readonly disconnectedGraceMs = DISCONNECTED_GRACE_MS,
  ) {
    target.addEventListener('offline', this.onOffline);
    target.addEventListener('online', this.onOnline);
  }

  /** Watches one transport for as long as it lives (a closed transport reports nothing more). */
  watch(transport: WatchedTransport): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const clear = (): void => {
      if (timer) this.timers.delete(timer);
      clearTimeout(timer);
      timer = undefined;
    };
    transport.on('connectionstatechange', (state) => {
      clear();
      if (state === 'failed') this.signal('mediaLost');
      else if (state === 'disconnected') {
        timer = setTimeout(() => {
          clear();
          if (transport.connectionState === 'disconnected') this.signal('mediaLost');
        }, this.disconnectedGraceMs);
        this.timers.add(timer);
      }
    });
  }

  close(): void {
    this.closed = true;
    this.target.removeEventListener('offline', this.onOffline);
    this.target.removeEventListener('online', this.onOnline);
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private signal(signal: NetworkSignal): void {
    if (!this.closed) this.onSignal(signal);
  }
}
