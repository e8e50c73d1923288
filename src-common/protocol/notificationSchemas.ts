/**
 * Runtime schemas of every notification the server sends, one per kind, checked by the client on
 * arrival. As lenient as responseSchemas.ts, for the same reason: a real notification dropped by
 * a schema stricter than the server (a late joiner never consumed, a tile stuck low) hurts more
 * than the malformed one it would catch.
 */
import { z } from 'zod';
import { reactionSchema } from './chat';
import { admissionReportSchema, chatMessageSchema, knockSchema, peerInfoSchema, producerInfoSchema, raisedHandSchema, type SchemaOf } from './responseSchemas';
import { mediaSourceSchema } from './requests';
import { roleSchema } from './roles';
import type { NotificationData, NotificationMethod } from './notifications';
import { consumerIdSchema, peerIdSchema, producerIdSchema, roomIdSchema } from '../validation';

const layer = z.number().nullable();
const byModerator = z.looseObject({ producerId: producerIdSchema, source: mediaSourceSchema, by: peerIdSchema });
const aboutProducer = z.looseObject({ peerId: peerIdSchema, producerId: producerIdSchema });

/** The schema of each notification's data; a notification kind without one does not compile. */
export const notificationSchemas: { [N in NotificationMethod]: SchemaOf<NotificationData[N]> } = {
  peerJoined: z.looseObject({ peer: peerInfoSchema }),
  peerLeft: z.looseObject({ peerId: peerIdSchema }),
  producerAdded: z.looseObject({ peerId: peerIdSchema, producer: producerInfoSchema }),
  producerClosed: aboutProducer,
  producerPaused: aboutProducer,
  producerResumed: aboutProducer,
  consumerClosed: z.looseObject({ consumerId: consumerIdSchema }),
  consumerLayersChanged: z.looseObject({ consumerId: consumerIdSchema, spatialLayer: layer, temporalLayer: layer }),
  consumerLayerLimited: z.looseObject({
    consumerId: consumerIdSchema,
    spatialLayer: layer,
    preferredSpatialLayer: z.number(),
    reason: z.enum(['bandwidth', 'publisher']).nullable(),
  }),
  activeSpeaker: z.looseObject({ peerId: peerIdSchema.nullable() }),
  audioLevels: z.looseObject({ levels: z.array(z.looseObject({ peerId: peerIdSchema, volume: z.number() })) }),
  producerLayersWanted: z.looseObject({ producerId: producerIdSchema, spatialLayer: layer }),
  // Chat, hands and reactions.
  chatReceived: z.looseObject({ message: chatMessageSchema }),
  handsChanged: z.looseObject({ hands: z.array(raisedHandSchema) }),
  reactionSent: z.looseObject({ peerId: peerIdSchema, reaction: reactionSchema }),
  // Moderation.
  producerMutedByModerator: byModerator,
  producerClosedByModerator: byModerator,
  roleChanged: z.looseObject({ peerId: peerIdSchema, role: roleSchema }),
  roomLockChanged: z.looseObject({ locked: z.boolean(), by: peerIdSchema }),
  removedFromMeeting: z.looseObject({ reason: z.string().max(1000), by: peerIdSchema }),
  meetingEnded: z.looseObject({ by: peerIdSchema }),
  removedPeerReturned: z.looseObject({ displayName: z.string().max(256), removedAs: z.string().max(256) }),
  // Lobby.
  lobbyChanged: z.looseObject({ knocks: z.array(knockSchema) }),
  admissionChanged: z.looseObject({ admission: admissionReportSchema }),
  passcodeGuessing: z.looseObject({ lockedForMs: z.number() }),
  admissionDecided: z.discriminatedUnion('admitted', [
    z.looseObject({ admitted: z.literal(true), roomId: roomIdSchema, sessionToken: z.string() }),
    z.looseObject({ admitted: z.literal(false), reason: z.string().max(1000) }),
  ]),
  // Resume.
  peerReconnecting: z.looseObject({ peerId: peerIdSchema }),
  peerReconnected: z.looseObject({ peerId: peerIdSchema }),
};
