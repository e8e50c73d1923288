import type { PeerId } from '../../../../src-common/ids';
import { Store } from '../base/Store';
import type { Notices } from './Notices';
import { describeFailure, type Requester } from './types';

export interface ModerationState {
  locked: boolean;
  /**
   * Someone removed tried to come back from the same browser and was kept out (their name then).
   * Offered with "Lock the meeting": the server recognises their browser, not them on another one.
   */
  returned: { removedAs: string } | null;
}

/**
 * What hosts and co-hosts do to others, and the room's lock. Every request is checked by the
 * server; a refusal (FORBIDDEN, NOT_FOUND...) becomes an error notice, never a crash.
 */
export class Moderation {
  readonly state = new Store<ModerationState>({ locked: false, returned: null });

  constructor(
    private readonly request: Requester,
    private readonly notices: Notices,
  ) {}

  setLocked(locked: boolean): void {
    // Once locked, the suggestion to lock has been followed.
    this.state.update((s) => ({ ...s, locked, returned: locked ? null : s.returned }));
  }

  /** A removed person was refused at the door: hosts are offered to lock (unless it is locked). */
  returnAttempted(removedAs: string): void {
    this.state.update((s) => ({ ...s, returned: s.locked ? null : { removedAs } }));
  }

  /** The host read the suggestion and chose not to lock. */
  dismissReturn(): void {
    this.state.update((s) => ({ ...s, returned: null }));
  }

  mute(peerId: PeerId): Promise<boolean> {
    return this.run(() => this.request('muteParticipant', { peerId }), 'Muting failed');
  }

  muteEveryone(): Promise<boolean> {
    return this.run(() => this.request('muteEveryone', {}), 'Muting everyone failed');
  }

  stopMedia(peerId: PeerId, source: 'camera' | 'screen'): Promise<boolean> {
    return this.run(() => this.request('stopMedia', { peerId, source }), source === 'camera' ? 'Stopping the camera failed' : 'Stopping the share failed');
  }

  remove(peerId: PeerId, reason?: string): Promise<boolean> {
    return this.run(() => this.request('removeParticipant', reason ? { peerId, reason } : { peerId }), 'Removing failed');
  }

  lock(locked: boolean): Promise<boolean> {
    return this.run(() => this.request('lockRoom', { locked }), locked ? 'Locking failed' : 'Unlocking failed');
  }

  setRole(peerId: PeerId, role: 'cohost' | 'participant'): Promise<boolean> {
    return this.run(() => this.request('setRole', { peerId, role }), 'Changing the role failed');
  }

  endForAll(): Promise<boolean> {
    return this.run(() => this.request('endMeeting', {}), 'Ending the meeting failed');
  }

  private async run(call: () => Promise<unknown>, what: string): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      this.notices.error(describeFailure(error, what));
      return false;
    }
  }
}
