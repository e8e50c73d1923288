import type { RtpSource } from '../rtp/RtpSource';

/**
 * Something under test that forwards every source to `subscribers` destinations: the Parley SFU
 * (a mediasoup worker) or one of the C relays. The harness only needs these four things.
 */
export interface Forwarder {
  readonly label: string;
  /** Sets how many subscribers receive every source; resolves once they are wired. */
  setSubscribers(count: number): Promise<void>;
  /** Processes whose CPU time is the forwarder's cost. */
  pids(): number[];
  /** Sources feeding this forwarder (the generator ticks them). */
  readonly sources: readonly RtpSource[];
  close(): Promise<void>;
}
