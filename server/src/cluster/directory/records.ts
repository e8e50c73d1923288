/**
 * What the cluster directory holds, with zod schemas: a record read back from Redis was written by
 * another process (perhaps another version), so it is checked before it is believed.
 */
import { z } from 'zod';
import { mediaSourceSchema } from '../../../../src-common/protocol/requests';
import { roleSchema } from '../../../../src-common/protocol/roles';

const id = z.string().min(1).max(200);

/** One mediasoup worker of a node, as its node last reported it. */
export const WorkerInfoSchema = z.object({
  workerId: id,
  /** Consumers on the worker, every room counted. */
  consumers: z.number().int().nonnegative(),
  /** Share of one core, 0..1 (may briefly exceed 1 on a busy machine). */
  cpu: z.number().nonnegative(),
});
export type WorkerInfo = z.infer<typeof WorkerInfoSchema>;

/** A server process of the cluster. It is alive while it keeps sending heartbeats. */
export const NodeRecordSchema = z.object({
  nodeId: id,
  /** Address other nodes open pipe transports to. */
  pipeAddress: z.string().min(1).max(100),
  workers: z.array(WorkerInfoSchema).max(1024),
  /** `draining`: alive, but takes no new rooms or people. */
  state: z.enum(['serving', 'draining']),
});
export type NodeRecord = z.infer<typeof NodeRecordSchema>;

/** A meeting's cluster-wide identity: who created it and where its home router lives. */
export const RoomRecordSchema = z.object({
  roomId: id,
  homeNodeId: id,
  createdAt: z.number().int().nonnegative(),
});
export type RoomRecord = z.infer<typeof RoomRecordSchema>;

/** One router of a room, on one worker of one node. */
export const RouterRecordSchema = z.object({
  routerId: id,
  nodeId: id,
  workerId: id,
  /** `home`: carries the room's speaker observers; every voice is piped to it. */
  role: z.enum(['home', 'media']),
});
export type RouterRecord = z.infer<typeof RouterRecordSchema>;

/** A producer and the router its publisher sends to (where its pipes start). */
export const ProducerRecordSchema = z.object({
  producerId: id,
  peerId: id,
  routerId: id,
  kind: z.enum(['audio', 'video']),
  /** What it carries, as others see it (absent from older writers: the kind's usual source). */
  source: mediaSourceSchema.optional(),
  paused: z.boolean(),
});
export type ProducerRecord = z.infer<typeof ProducerRecordSchema>;

/** A participant and where its media and its signaling are. */
export const PeerRecordSchema = z.object({
  peerId: id,
  displayName: z.string().max(200),
  /** Its role when it joined (absent from older writers: participant). */
  role: roleSchema.optional(),
  routerId: id,
  /** The node holding its router. */
  nodeId: id,
  /** The node holding its WebSocket (may differ from `nodeId`). */
  signalNodeId: id,
});
export type PeerRecord = z.infer<typeof PeerRecordSchema>;

/** A producer piped into a router, with the uses counted there. */
export interface PipeRecord {
  producerId: string;
  routerId: string;
  refs: number;
}
