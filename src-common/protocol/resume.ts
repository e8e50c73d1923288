/**
 * Resuming a session after the signaling connection dropped (LiveKit's "resume" tier): the server
 * keeps a peer whose socket vanished for a grace period, marked as reconnecting; the client opens a
 * new socket, presents its session token with `resume` and gets the same peer back, with its
 * transports, producers and consumers, then restarts ICE on its transports. The others never see
 * the peer leave, only `peerReconnecting` and `peerReconnected`. When resuming is impossible
 * (grace expired, server restarted, worker died) the server answers NOT_FOUND or UNAUTHORIZED and
 * the client joins again (`join` with its token).
 */
import { z } from 'zod';
import type { PeerId, ProducerId, TransportId } from '../ids';
import { roomIdSchema, sessionTokenSchema } from '../validation';
import type { PeerInfo } from './notifications';
import type { Role } from './roles';

export const resumeRequestSchemas = {
  /** Takes back this token's peer on a new connection; allowed before `join`, instead of it. */
  resume: z.strictObject({ roomId: roomIdSchema, sessionToken: sessionTokenSchema }),
  /**
   * Answers at once. A client sends it when it has heard nothing for a while: no answer within
   * seconds means the socket is dead (a changed address, a dead network) though TCP has not noticed.
   */
  ping: z.strictObject({}),
} as const;

export interface ResumeResponseData {
  ping: Record<string, never>;
  /**
   * The room as it is now, so the client can reconcile what it missed while away (notifications
   * sent to the dead socket are lost, not replayed).
   */
  resume: {
    peerId: PeerId;
    role: Role;
    /** A fresh token for the next drop. */
    sessionToken: string;
    /** Everyone else, with their producers as they are now. */
    peers: PeerInfo[];
    activeSpeakerId: PeerId | null;
    /** The caller's transports that still exist; ICE should be restarted on each. */
    transportIds: TransportId[];
    /** Dynacast: the highest layer anyone watches of each of the caller's video producers (null: nobody). */
    producerLayersWanted: Array<{ producerId: ProducerId; spatialLayer: number | null }>;
  };
}

export interface ResumeNotificationData {
  /** A peer's connection dropped; the server keeps it for a grace period, expecting it back. */
  peerReconnecting: { peerId: PeerId };
  /** A reconnecting peer is back, as the same peer. */
  peerReconnected: { peerId: PeerId };
}
