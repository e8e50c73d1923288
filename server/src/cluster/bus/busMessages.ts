/**
 * What the nodes of a cluster say to each other over Redis pub/sub, with zod schemas: a message
 * on a channel was written by another process (perhaps another version), so every one is checked
 * before it is believed, and one that fails is dropped with a log line (requests get BAD_REQUEST).
 *
 * Requests go to `<prefix>node:<id>` and are answered there too (the asker's channel), matched by
 * id; one-way node events travel the same way. Room events go to `<prefix>room:<id>`, heard by
 * every node holding part of that meeting.
 */
import type { RtpParameters, SrtpParameters } from 'mediasoup/node/lib/types';
import { z } from 'zod';
import type { ChatMessage, PeerInfo, ProducerInfo, RaisedHand } from '../../../../src-common/protocol';
import { peerIdSchema, producerIdSchema } from '../../../../src-common/validation';
import { chatMessageSchema, peerInfoSchema, producerInfoSchema, raisedHandSchema } from '../../../../src-common/protocol/responseSchemas';

const id = z.string().min(1).max(200);
const peerInfo = peerInfoSchema.transform((value) => value as PeerInfo);
const producerInfo = producerInfoSchema.transform((value) => value as ProducerInfo);
const chatMessage = chatMessageSchema.transform((value) => value as ChatMessage);
const raisedHand = raisedHandSchema.transform((value) => value as RaisedHand);

const srtpSchema = z.object({
  cryptoSuite: z.enum(['AEAD_AES_256_GCM', 'AEAD_AES_128_GCM', 'AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32']),
  keyBase64: z.string().min(1).max(200),
}) satisfies z.ZodType<SrtpParameters>;

/** Where one end of a pipe between nodes listens, and the key it encrypts with. */
const endpointSchema = z.object({
  ip: z.string().min(1).max(100),
  port: z.number().int().min(1).max(65535),
  srtpParameters: srtpSchema,
});
export type PipeEndpoint = z.infer<typeof endpointSchema>;

/**
 * A pipe consumer's RTP parameters, checked for shape only: mediasoup checks them fully when the
 * pipe producer is made from them, and refuses them with an error the caller reports.
 */
const rtpParametersSchema = z.looseObject({
  codecs: z.array(z.looseObject({ mimeType: z.string().max(100), payloadType: z.number().int(), clockRate: z.number().int() })).min(1).max(32),
  encodings: z.array(z.looseObject({})).max(16).optional(),
  headerExtensions: z.array(z.looseObject({})).max(32).optional(),
  rtcp: z.looseObject({}).optional(),
  mid: z.string().max(100).optional(),
}).transform((value) => value as unknown as RtpParameters);

/** The requests one node makes of another, each with its parameters and its answer. */
export const busRequests = {
  /**
   * Opens the origin's end of a pipe: a PipeTransport (SRTP, RTX) on the room's router
   * `routerId`, connected to the asker's end; answers where it listens.
   */
  openPipe: {
    params: z.object({ roomId: id, routerId: id, pairId: id, endpoint: endpointSchema }),
    result: endpointSchema,
  },
  /** A pipe consumer of `producerId` on the pipe `pairId`: what the asker's pipe producer is made from. */
  pipeConsume: {
    params: z.object({ pairId: id, producerId: producerIdSchema }),
    result: z.object({ kind: z.enum(['audio', 'video']), rtpParameters: rtpParametersSchema, paused: z.boolean() }),
  },
  /** The asker no longer needs `producerId` over `pairId`: its pipe consumer closes. */
  closePipeConsumer: {
    params: z.object({ pairId: id, producerId: producerIdSchema }),
    result: z.object({}),
  },
  /** The asker closed its end of the pipe: the origin closes its own. */
  closePipe: {
    params: z.object({ pairId: id }),
    result: z.object({}),
  },
} as const;
export type BusMethod = keyof typeof busRequests;
export type BusParams<M extends BusMethod> = z.infer<(typeof busRequests)[M]['params']>;
export type BusResult<M extends BusMethod> = z.infer<(typeof busRequests)[M]['result']>;

/** One-way facts a node tells the other end of a pipe. */
export const nodeEventSchema = z.discriminatedUnion('event', [
  /** The original of a piped producer paused, resumed or closed: the pipe producer follows. */
  z.object({ event: z.literal('pipeProducer'), pairId: id, producerId: producerIdSchema, state: z.enum(['paused', 'resumed', 'closed']) }),
  /** The origin's end of a pipe closed (its router went): the asker closes its own. */
  z.object({ event: z.literal('pipeClosed'), pairId: id }),
]);
export type NodeEvent = z.infer<typeof nodeEventSchema>;

/** Everything that arrives on a node's channel. */
export const nodeMessageSchema = z.union([
  z.object({ kind: z.literal('request'), id, from: id, method: z.string().max(100), params: z.unknown() }),
  z.object({ kind: z.literal('response'), id, ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id, ok: z.literal(false), code: z.string().max(100), message: z.string().max(2000) }),
  z.object({ kind: z.literal('event'), from: id, data: nodeEventSchema }),
]);
export type NodeMessage = z.infer<typeof nodeMessageSchema>;

/**
 * What one node tells the others about the part of a meeting it holds: its people and their
 * tracks. Each node sends only facts about its own peers (`from`), so no fact loops.
 */
export const roomEventSchema = z.discriminatedUnion('event', [
  z.object({ event: z.literal('peerJoined'), from: id, routerId: id, peer: peerInfo }),
  z.object({ event: z.literal('peerLeft'), from: id, peerId: peerIdSchema }),
  z.object({ event: z.literal('producerAdded'), from: id, peerId: peerIdSchema, producer: producerInfo }),
  z.object({ event: z.literal('producerClosed'), from: id, peerId: peerIdSchema, producerId: producerIdSchema }),
  z.object({ event: z.literal('producerPaused'), from: id, peerId: peerIdSchema, producerId: producerIdSchema }),
  z.object({ event: z.literal('producerResumed'), from: id, peerId: peerIdSchema, producerId: producerIdSchema }),
  /** A node took part in the meeting: the others tell it their chat and hands. */
  z.object({ event: z.literal('hello'), from: id }),
  /** A chat message sent by someone on the sending node (public, or private to anyone). */
  z.object({ event: z.literal('chatSent'), from: id, message: chatMessage }),
  /** The messages sent on the sending node, for a node that joined the meeting later. */
  z.object({ event: z.literal('chatHistory'), from: id, messages: z.array(chatMessage).max(1_000) }),
  /** The raised hands of the sending node's people, all of them. */
  z.object({ event: z.literal('handsChanged'), from: id, hands: z.array(raisedHand).max(10_000) }),
  /** A moderator lowered the hand of `peerId`: the node holding that person lowers it. */
  z.object({ event: z.literal('handLowered'), from: id, peerId: peerIdSchema }),
  /** A moderator lowered every hand: each node lowers its own people's. */
  z.object({ event: z.literal('handsLoweredAll'), from: id }),
]);
export type RoomEvent = z.infer<typeof roomEventSchema>;
