import type { NodeRecord, PeerRecord, PipeRecord, ProducerRecord, RoomRecord, RouterRecord } from './records';

/**
 * Where the nodes of a cluster find each other and each room's parts: nodes (alive while their
 * heartbeats keep coming), rooms, their routers, producers, pipes and peers, and room locks.
 *
 * Two implementations pass one test table (directory.test.ts): `MemoryDirectory` for the embedded
 * LAN host and a single server, which need no extra service, and `RedisDirectory` for a cluster of
 * standalone servers. Every method is atomic on its own; a caller that needs several steps to be
 * one (creating a room's home router) holds the room's lock around them.
 */
export interface Directory {
  /**
   * Registers the node or refreshes it; it stays alive for `ttlMs` after its last heartbeat, then
   * `nodes()` no longer lists it (the node was killed or cut off).
   */
  heartbeat(node: NodeRecord, ttlMs: number): Promise<void>;
  /** The nodes alive now, by id. */
  nodes(): Promise<NodeRecord[]>;
  /** A node leaving on purpose: gone at once, without waiting for its heartbeat to lapse. */
  removeNode(nodeId: string): Promise<void>;

  /** The room's record: `record` if the room had none (the caller created it), else the existing one. */
  claimRoom(record: RoomRecord): Promise<RoomRecord>;
  room(roomId: string): Promise<RoomRecord | undefined>;
  /** Every room with a record. */
  rooms(): Promise<string[]>;
  /** Forgets the room and all its routers, producers, pipes and peers (the meeting ended). */
  removeRoom(roomId: string): Promise<void>;

  putRouter(roomId: string, router: RouterRecord): Promise<void>;
  removeRouter(roomId: string, routerId: string): Promise<void>;
  routers(roomId: string): Promise<RouterRecord[]>;

  /** Adds or replaces a producer (pause and resume rewrite it). */
  putProducer(roomId: string, producer: ProducerRecord): Promise<void>;
  removeProducer(roomId: string, producerId: string): Promise<void>;
  producers(roomId: string): Promise<ProducerRecord[]>;

  /**
   * Counts one use of `producerId` in `routerId`; `first` is true for exactly one caller, the one
   * that must create the pipe (concurrent callers on any node see `first` false).
   */
  acquirePipe(roomId: string, producerId: string, routerId: string): Promise<{ refs: number; first: boolean }>;
  /** Gives one use back; `last` is true for exactly one caller, the one that must close the pipe. */
  releasePipe(roomId: string, producerId: string, routerId: string): Promise<{ refs: number; last: boolean }>;
  pipes(roomId: string): Promise<PipeRecord[]>;

  putPeer(roomId: string, peer: PeerRecord): Promise<void>;
  removePeer(roomId: string, peerId: string): Promise<void>;
  peers(roomId: string): Promise<PeerRecord[]>;

  /**
   * Takes the room's lock for at most `ttlMs` (a holder that dies does not hold it forever).
   * Resolves with a token to unlock with, or null when someone else holds it.
   */
  lockRoom(roomId: string, ttlMs: number): Promise<string | null>;
  /** Releases the lock if `token` still holds it; false when it had lapsed or was taken over. */
  unlockRoom(roomId: string, token: string): Promise<boolean>;

  /** Lets go of connections and timers. Safe to call twice. */
  close(): Promise<void>;
}
