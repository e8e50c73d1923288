import { assertUnreachable } from '../../../../src-common/errors';
import type { PeerId } from '../../../../src-common/ids';
import type { NotificationData, NotificationMethod, PeerInfo, Role } from '../../../../src-common/protocol';
import type { Emitter } from '../base/Emitter';
import type { MeetingNotification } from './notifications';
import type { Participants } from '../media/Participants';
import type { Publisher } from '../media/Publisher';
import type { AudioLevels, LobbyEvents } from './sessionTypes';
import type { Subscriber } from '../media/Subscriber';
import type { ViewReporter } from '../media/ViewReporter';

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
  /** Someone's role changed (possibly the local peer's). */
  setRole: (peerId: PeerId, role: Role) => void;
  /** Chat, hands, reactions and moderation, for the in-meeting features (core/meeting). */
  meetingNotification: (event: MeetingNotification) => void;
  /** Knocks and admission changes, for the host's lobby panel. */
  lobby: Emitter<LobbyEvents>;
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
    case 'consumerLayerLimited':
      room.participants.setLimited(event.data.consumerId, event.data.reason);
      break;
    case 'roleChanged':
      room.setRole(event.data.peerId, event.data.role);
      room.meetingNotification(event);
      break;
    case 'chatReceived':
    case 'handsChanged':
    case 'reactionSent':
    case 'producerMutedByModerator':
    case 'producerClosedByModerator':
    case 'roomLockChanged':
    case 'removedFromMeeting':
    case 'meetingEnded':
    case 'removedPeerReturned':
      room.meetingNotification(event);
      break;
    case 'admissionDecided': // a waiting connection's answer, never sent to a joined session
      break;
    case 'lobbyChanged':
      room.lobby.emit('lobbyChanged', event.data);
      break;
    case 'admissionChanged':
      room.lobby.emit('admissionChanged', event.data);
      break;
    case 'passcodeGuessing':
      room.lobby.emit('passcodeGuessing', event.data);
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
