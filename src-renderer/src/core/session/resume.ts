/** The client's half of the resume tier: what it does once the server gave its peer back. */
import type { Transport } from 'mediasoup-client/types';
import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import type { PeerId } from '../../../../src-common/ids';
import type { PeerInfo, ResponseData } from '../../../../src-common/protocol';
import type { Participants } from '../media/Participants';
import type { Publisher } from '../media/Publisher';
import type { Requester } from '../signaling/SignalingChannel';
import type { Subscriber } from '../media/Subscriber';

/** A resume attempt gives up on a socket that does not open within this (the network may be dead). */
export const RESUME_CONNECT_TIMEOUT_MS = 3_000;

/** The server answered that this peer cannot be resumed (gone, or the token is no longer valid there). */
export function isRefusal(error: unknown): boolean {
  return error instanceof ParleyError && (error.code === ErrorCode.NotFound || error.code === ErrorCode.Unauthorized);
}

/**
 * What a refusal of this session's token means, from its code and reason (never its wording):
 * `removed` and `ended` end the session for good; `stale` (expired, or a server that restarted with
 * new keys) is worth a join without the token; `other` is not about the token.
 */
export function tokenVerdict(error: unknown): 'removed' | 'ended' | 'stale' | 'other' {
  if (!(error instanceof ParleyError)) return 'other';
  if (error.code === ErrorCode.MeetingEnded) return 'ended';
  if (error.code !== ErrorCode.Unauthorized) return 'other';
  if (error.reason === ErrorReason.Removed) return 'removed';
  if (error.reason !== undefined && STALE_TOKEN.has(error.reason)) return 'stale';
  // No reason (a server older than reasons) or one we do not know: it may be a removal, so nothing
  // is done on our own (a removed person must not come back as a new peer); the user decides.
  return 'other';
}

/** UNAUTHORIZED reasons that only say the token no longer works: joining without it is fine. */
const STALE_TOKEN: ReadonlySet<ErrorReason> = new Set([ErrorReason.Expired, ErrorReason.InvalidToken, ErrorReason.WrongRoom]);

/**
 * New ICE credentials from the server for each transport, applied locally, so ICE finds a path
 * again (new address, network back). A transport the server no longer has is NOT_FOUND.
 */
export async function restartIce(
  channel: Requester,
  transports: ReadonlyArray<Pick<Transport, 'id' | 'restartIce'>>,
  serverTransportIds: readonly string[],
): Promise<void> {
  await Promise.all(
    transports.map(async (transport) => {
      if (!serverTransportIds.includes(transport.id)) throw new ParleyError(ErrorCode.NotFound, `the server no longer has transport ${transport.id}`);
      const { iceParameters } = await channel.request('restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters });
    }),
  );
}

export interface RoomParts {
  participants: Pick<Participants, 'has' | 'setReconnecting' | 'list'>;
  subscriber: Pick<Subscriber, 'reconcile'> | undefined;
  publisher: Pick<Publisher, 'setWanted'> | undefined;
  /** Adds someone who came while we were away (announced as joining). */
  addPeer: (peer: PeerInfo) => void;
  /** Removes someone who left while we were away (announced as leaving). */
  removePeer: (peerId: PeerId) => void;
}

/**
 * Brings the room up to date after a resume, from the server's snapshot: notifications sent to
 * the dead socket are lost, so who is here, what they publish and what to encode are re-read.
 */
export function reconcileRoom(resumed: ResponseData['resume'], room: RoomParts): void {
  const present = new Set(resumed.peers.map((peer) => peer.peerId));
  for (const { peerId } of room.participants.list()) if (!present.has(peerId)) room.removePeer(peerId);
  for (const peer of resumed.peers) {
    if (!room.participants.has(peer.peerId)) {
      room.addPeer(peer);
      continue;
    }
    room.participants.setReconnecting(peer.peerId, peer.reconnecting === true);
    room.subscriber?.reconcile(peer.peerId, peer.producers);
  }
  for (const { producerId, spatialLayer } of resumed.producerLayersWanted) room.publisher?.setWanted(producerId, spatialLayer);
}
