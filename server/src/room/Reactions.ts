import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { PeerId } from '../../../src-common/ids';
import type { Reaction } from '../../../src-common/protocol';
import type { Peer } from '../Peer';
import type { RoomMembers } from './RoomMembers';
import { TokenBuckets } from './TokenBucket';

/** Emoji reactions from the fixed set, announced to everyone; rate-limited like chat. */
export class Reactions {
  private readonly rate = new TokenBuckets<PeerId>(10, 10_000);

  constructor(private readonly members: RoomMembers) {}

  send(from: Peer, reaction: Reaction): void {
    if (!this.rate.take(from.id)) throw new ParleyError(ErrorCode.RateLimited, 'too many reactions; wait a few seconds', ErrorReason.TooFast);
    this.members.notifyAll('reactionSent', { peerId: from.id, reaction });
  }

  forget(peerId: PeerId): void {
    this.rate.forget(peerId);
  }
}
