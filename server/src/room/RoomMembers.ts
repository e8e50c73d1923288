import type { PeerId } from '../../../src-common/ids';
import type { NotificationData, NotificationMethod } from '../../../src-common/protocol';
import type { Peer } from '../Peer';

/** The narrow view of a room that its chat, hands and moderation parts need. */
export interface RoomMembers {
  get(peerId: PeerId): Peer | undefined;
  /** Peers in the order they joined (longest present first). */
  all(): Peer[];
  notifyAll<N extends NotificationMethod>(method: N, data: NotificationData[N]): void;
}
