/** Server -> client notifications: past-tense facts about the room. */
import type { ConsumerId, PeerId, ProducerId } from '../ids';
import type { MediaSource } from './requests';
import type { Role } from './roles';
import type { ChatNotificationData } from './chat';
import type { ModerationNotificationData } from './moderation';
import type { LobbyNotificationData } from './lobby';
import type { ResumeNotificationData } from './resume';

/** A published track as others see it. */
export interface ProducerInfo {
  producerId: ProducerId;
  kind: 'audio' | 'video';
  source: MediaSource;
  /** Paused producers are muted: nothing is forwarded. */
  paused: boolean;
}

/** A participant as others see it. */
export interface PeerInfo {
  peerId: PeerId;
  displayName: string;
  /** Decided by the server; see {@link Role}. */
  role: Role;
  producers: ProducerInfo[];
  /** Present and true while the peer's connection is down and the server waits for it to resume. */
  reconnecting?: boolean;
}

export type NotificationData = CoreNotificationData & ChatNotificationData & ModerationNotificationData & LobbyNotificationData & ResumeNotificationData;

interface CoreNotificationData {
  /** Someone entered the room. */
  peerJoined: { peer: PeerInfo };
  /** Someone left (or was dropped); their producers are gone. */
  peerLeft: { peerId: PeerId };
  /** A peer published a track. */
  producerAdded: { peerId: PeerId; producer: ProducerInfo };
  /** A peer stopped publishing a track; consumers of it are closed too. */
  producerClosed: { peerId: PeerId; producerId: ProducerId };
  /** A peer muted a track. */
  producerPaused: { peerId: PeerId; producerId: ProducerId };
  /** A peer unmuted a track. */
  producerResumed: { peerId: PeerId; producerId: ProducerId };
  /** One of this peer's consumers was closed by the server. */
  consumerClosed: { consumerId: ConsumerId };
  /** The simulcast layers one of this peer's consumers is receiving changed. */
  consumerLayersChanged: { consumerId: ConsumerId; spatialLayer: number | null; temporalLayer: number | null };
  /**
   * One of this peer's video consumers has not reached the spatial layer its tile asks for within
   * a few seconds, and why: `bandwidth` (this receiver's downlink estimate keeps it lower) or
   * `publisher` (the sender does not send that layer: its CPU, its uplink or its settings). A
   * later one with `reason: null` says the layer was reached after all.
   */
  consumerLayerLimited: {
    consumerId: ConsumerId;
    spatialLayer: number | null;
    preferredSpatialLayer: number;
    reason: 'bandwidth' | 'publisher' | null;
  };
  /** The dominant speaker changed (null: nobody has spoken yet or they left). */
  activeSpeaker: { peerId: PeerId | null };
  /** Audio levels of the peers currently making sound, in dBov (-127 silence .. 0 loudest). */
  audioLevels: { levels: Array<{ peerId: PeerId; volume: number }> };
  /**
   * Dynacast, to a publisher: the highest spatial layer anyone watches of one of its video
   * producers. Layers above it need not be encoded; null means nobody watches it at all.
   */
  producerLayersWanted: { producerId: ProducerId; spatialLayer: number | null };
}

export type NotificationMethod = keyof NotificationData;
