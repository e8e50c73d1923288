import type { PeerId } from '../../../../src-common/ids';
import { Store } from '../base/Store';
import type { Notices } from './Notices';
import { describeFailure, type Requester } from './types';

export interface ModerationState {
  locked: boolean;
}

/**
 * What hosts and co-hosts do to others, and the room's lock. Every request is checked by the
 * server; a refusal (FORBIDDEN, NOT_FOUND...) becomes an error notice, never a crash.
 */
export class Moderation {
  readonly state = new Store<ModerationState>({ locked: false });

  constructor(
    private readonly request: Requester,
    private readonly notices: Notices,
  ) {}

  setLocked(locked: boolean): void {
    this.state.update((s) => ({ ...s, locked }));
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
