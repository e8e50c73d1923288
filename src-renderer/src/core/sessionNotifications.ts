import { assertUnreachable } from '../../../src-common/errors';
import type { PeerId } from '../../../src-common/ids';
import type { NotificationData, NotificationMethod, PeerInfo } from '../../../src-common/protocol';
import type { Participants } from './Participants';
import type { Publisher } from './Publisher';
import type { AudioLevels } from './RoomSession';
import type { Subscriber } from './Subscriber';
import type { ViewReporter } from './ViewReporter';

/** What the server's notifications change in a session. */
export interface NotificationTarget {
  addPeer: (peer: PeerInfo) => void;
  removePeer: (peerId: PeerId) => void;
  participants: Participants;
  subscriber: Subscriber | undefined;
  publisher: Publisher | undefined;
  views: ViewReporter | undefined;
  setActiveSpeaker: (peerId: PeerId | null) => void;
  setLevels: (levels: AudioLevels) => void;
}

/** Applies one server notification to the session's room state. */
export function applyNotification<N extends NotificationMethod>(method: N, data: NotificationData[N], room: NotificationTarget): void {
  const event = { method, data } as { [K in NotificationMethod]: { method: K; data: NotificationData[K] } }[NotificationMethod];
  switch (event.method) {
    case 'peerJoined':
      room.addPeer(event.data.peer);
      break;
    case 'peerLeft':
      room.removePeer(event.data.peerId);
      break;
    case 'peerReconnecting':
    case 'peerReconnected':
      room.participants.setReconnecting(event.data.peerId, event.method === 'peerReconnecting');
      break;
    case 'producerAdded':
      room.subscriber?.add(event.data.peerId, event.data.producer);
      break;
    case 'producerClosed':
      room.subscriber?.removeProducer(event.data.producerId);
      break;
    case 'producerPaused':
    case 'producerResumed':
      room.subscriber?.setProducerPaused(event.data.producerId, event.method === 'producerPaused');
      break;
    case 'consumerClosed':
      room.subscriber?.removeConsumer(event.data.consumerId);
      room.views?.forget(event.data.consumerId);
      break;
    case 'consumerLayersChanged':
      break;
    // Chat, hands, reactions and moderation have no client UI yet (issue #7 stops at the server).
    case 'chatReceived':
    case 'handsChanged':
    case 'reactionSent':
    case 'producerMutedByModerator':
    case 'producerClosedByModerator':
    case 'roleChanged':
    case 'roomLockChanged':
    case 'removedFromMeeting':
    case 'meetingEnded':
      break;
    case 'activeSpeaker':
      room.setActiveSpeaker(event.data.peerId);
      break;
    case 'audioLevels':
      room.setLevels(new Map(event.data.levels.map(({ peerId, volume }) => [peerId, volume])));
      break;
    case 'producerLayersWanted':
      room.publisher?.setWanted(event.data.producerId, event.data.spatialLayer);
      break;
    default:
      assertUnreachable(event);
  }
}
