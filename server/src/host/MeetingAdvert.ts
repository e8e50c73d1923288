import type { Admission } from '../../../src-common/protocol';
import { advertiseMeeting, type AdvertisedMeeting, type MdnsOptions } from './discovery';

/**
 * The mDNS advertisement of one meeting, following its admission: mDNS is heard by everyone on the
 * network, so it never carries what admits people. With `open` admission the code alone lets
 * anyone in, so the meeting is not advertised at all (the code travels only in invites); with the
 * lobby or a passcode the code only lets people knock or try, and the meeting is advertised with it.
 */
export class MeetingAdvert {
  private current: { stop: () => Promise<void> } | null = null;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly meeting: AdvertisedMeeting,
    private readonly mdns: MdnsOptions = {},
  ) {}

  /** Whether an admission lets the code be broadcast. */
  static advertises(admission: Admission): boolean {
    return admission.mode !== 'open';
  }

  get advertising(): boolean {
    return this.current !== null;
  }

  /** Publishes or withdraws the advertisement for `admission`. */
  follow(admission: Admission): Promise<void> {
    const wanted = MeetingAdvert.advertises(admission);
    this.queue = this.queue.then(async () => {
      if (this.stopped || wanted === (this.current !== null)) return;
      if (wanted) {
        this.current = advertiseMeeting(this.meeting, this.mdns);
        return;
      }
      const current = this.current;
      this.current = null;
      await current?.stop();
    });
    return this.queue;
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.queue = this.queue.then(async () => {
      const current = this.current;
      this.current = null;
      await current?.stop();
    });
    return this.queue;
  }
}
