import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { Directory } from './Directory';
import {
  NodeRecordSchema,
  PeerRecordSchema,
  ProducerRecordSchema,
  RoomRecordSchema,
  RouterRecordSchema,
  type NodeRecord,
  type PeerRecord,
  type PipeRecord,
  type ProducerRecord,
  type RoomRecord,
  type RouterRecord,
} from './records';

/** Sets the room record unless there is one, and lists the room; answers the record that holds. */
const CLAIM_ROOM = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX') then
  redis.call('SADD', KEYS[2], ARGV[2])
  return ARGV[1]
end
return redis.call('GET', KEYS[1])`;

/** One use less; the field goes at zero. Answers the uses left (negative: there was no such pipe). */
const RELEASE_PIPE = `
local refs = redis.call('HINCRBY', KEYS[1], ARGV[1], -1)
if refs <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
return refs`;

/** Deletes the lock only if `token` still holds it (LiveKit's compare-and-delete). */
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export interface RedisDirectoryOptions {
  /** `redis://host:port[/db]`. */
  url: string;
  /** Prepended to every key, so several clusters (or tests) share one Redis. */
  prefix?: string;
  /** How long a call may wait for Redis before it fails with UNAVAILABLE. */
  timeoutMs?: number;
}

/**
 * The cluster directory in Redis. Keys, under the prefix (`parley:` by default):
 * `nodes` (set) and `node:<id>` (JSON, expiring `ttl` after the last heartbeat: Redis's own clock
 * decides who is gone, so nodes need no synchronized clocks); `rooms` (set) and `room:<id>`
 * (JSON); `room:<id>:routers|producers|peers` (hashes of JSON by id); `room:<id>:pipes` (hash of
 * use counts by `<producerId> <routerId>`); `lock:room:<id>` (token, expiring).
 * A call Redis does not answer fails with UNAVAILABLE; the client reconnects by itself.
 */
export class RedisDirectory implements Directory {
  private closed = false;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  static async create(options: RedisDirectoryOptions): Promise<RedisDirectory> {
    const timeoutMs = options.timeoutMs ?? 2_000;
    const redis = new Redis(options.url, {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      commandTimeout: timeoutMs,
      // Fail fast while Redis is away instead of queueing requests for minutes; reconnect meanwhile.
      maxRetriesPerRequest: 1,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Connection errors also reach every pending call; this keeps them from being unhandled events.
    redis.on('error', () => undefined);
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw unavailable(error);
    }
    return new RedisDirectory(redis, options.prefix ?? 'parley:');
  }

  async heartbeat(node: NodeRecord, ttlMs: number): Promise<void> {
    await this.call(() => this.redis.multi().set(this.key(`node:${node.nodeId}`), JSON.stringify(node), 'PX', ttlMs).sadd(this.key('nodes'), node.nodeId).exec());
  }

  async nodes(): Promise<NodeRecord[]> {
    const ids = await this.call(() => this.redis.smembers(this.key('nodes')));
    if (ids.length === 0) return [];
    const values = await this.call(() => this.redis.mget(ids.map((id) => this.key(`node:${id}`))));
    const gone = ids.filter((_, i) => values[i] === null);
    if (gone.length > 0) await this.call(() => this.redis.srem(this.key('nodes'), ...gone));
    return values.flatMap((value) => parsed(NodeRecordSchema, value));
  }

  async removeNode(nodeId: string): Promise<void> {
    await this.call(() => this.redis.multi().del(this.key(`node:${nodeId}`)).srem(this.key('nodes'), nodeId).exec());
  }

  async claimRoom(record: RoomRecord): Promise<RoomRecord> {
    const held = await this.call(() => this.redis.eval(CLAIM_ROOM, 2, this.key(`room:${record.roomId}`), this.key('rooms'), JSON.stringify(record), record.roomId));
    const [winner] = parsed(RoomRecordSchema, typeof held === 'string' ? held : null);
    if (!winner) throw new ParleyError(ErrorCode.Internal, `the directory holds an unreadable record for room ${record.roomId}`);
    return winner;
  }

  async room(roomId: string): Promise<RoomRecord | undefined> {
    return parsed(RoomRecordSchema, await this.call(() => this.redis.get(this.key(`room:${roomId}`))))[0];
  }

  async rooms(): Promise<string[]> {
    return this.call(() => this.redis.smembers(this.key('rooms')));
  }

  async removeRoom(roomId: string): Promise<void> {
    const room = `room:${roomId}`;
    const keys = [room, `${room}:routers`, `${room}:producers`, `${room}:peers`, `${room}:pipes`].map((key) => this.key(key));
    await this.call(() => this.redis.multi().del(...keys).srem(this.key('rooms'), roomId).exec());
  }

  putRouter(roomId: string, router: RouterRecord): Promise<void> {
    return this.put(roomId, 'routers', router.routerId, router);
  }

  removeRouter(roomId: string, routerId: string): Promise<void> {
    return this.remove(roomId, 'routers', routerId);
  }

  routers(roomId: string): Promise<RouterRecord[]> {
    return this.list(roomId, 'routers', RouterRecordSchema);
  }

  putProducer(roomId: string, producer: ProducerRecord): Promise<void> {
    return this.put(roomId, 'producers', producer.producerId, producer);
  }

  removeProducer(roomId: string, producerId: string): Promise<void> {
    return this.remove(roomId, 'producers', producerId);
  }

  producers(roomId: string): Promise<ProducerRecord[]> {
    return this.list(roomId, 'producers', ProducerRecordSchema);
  }

  async acquirePipe(roomId: string, producerId: string, routerId: string): Promise<{ refs: number; first: boolean }> {
    const refs = await this.call(() => this.redis.hincrby(this.key(`room:${roomId}:pipes`), `${producerId} ${routerId}`, 1));
    return { refs, first: refs === 1 };
  }

  async releasePipe(roomId: string, producerId: string, routerId: string): Promise<{ refs: number; last: boolean }> {
    const left = Number(await this.call(() => this.redis.eval(RELEASE_PIPE, 1, this.key(`room:${roomId}:pipes`), `${producerId} ${routerId}`)));
    return { refs: Math.max(0, left), last: left === 0 };
  }

  async pipes(roomId: string): Promise<PipeRecord[]> {
    const all = await this.call(() => this.redis.hgetall(this.key(`room:${roomId}:pipes`)));
    return Object.entries(all).flatMap(([field, refs]) => {
      const [producerId, routerId] = field.split(' ');
      return producerId && routerId ? [{ producerId, routerId, refs: Number(refs) }] : [];
    });
  }

  putPeer(roomId: string, peer: PeerRecord): Promise<void> {
    return this.put(roomId, 'peers', peer.peerId, peer);
  }

  removePeer(roomId: string, peerId: string): Promise<void> {
    return this.remove(roomId, 'peers', peerId);
  }

  peers(roomId: string): Promise<PeerRecord[]> {
    return this.list(roomId, 'peers', PeerRecordSchema);
  }

  async lockRoom(roomId: string, ttlMs: number): Promise<string | null> {
    const token = randomUUID();
    const ok = await this.call(() => this.redis.set(this.key(`lock:room:${roomId}`), token, 'PX', ttlMs, 'NX'));
    return ok === 'OK' ? token : null;
  }

  async unlockRoom(roomId: string, token: string): Promise<boolean> {
    return Number(await this.call(() => this.redis.eval(UNLOCK, 1, this.key(`lock:room:${roomId}`), token))) === 1;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.redis.quit();
    } catch {
      // Redis is away: nothing to say goodbye to.
      this.redis.disconnect();
    }
  }

  private key(name: string): string {
    return `${this.prefix}${name}`;
  }

  private async put(roomId: string, kind: 'routers' | 'producers' | 'peers', id: string, value: object): Promise<void> {
    await this.call(() => this.redis.hset(this.key(`room:${roomId}:${kind}`), id, JSON.stringify(value)));
  }

  private async remove(roomId: string, kind: 'routers' | 'producers' | 'peers', id: string): Promise<void> {
    await this.call(() => this.redis.hdel(this.key(`room:${roomId}:${kind}`), id));
  }

  private async list<T>(roomId: string, kind: 'routers' | 'producers' | 'peers', schema: z.ZodType<T>): Promise<T[]> {
    const all = await this.call(() => this.redis.hvals(this.key(`room:${roomId}:${kind}`)));
    return all.flatMap((value) => parsed(schema, value));
  }

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ParleyError(ErrorCode.Unavailable, 'the cluster directory is closed');
    try {
      return await operation();
    } catch (error) {
      throw unavailable(error);
    }
  }
}

function unavailable(error: unknown): ParleyError {
  return new ParleyError(ErrorCode.Unavailable, `the cluster directory (Redis) did not answer: ${error instanceof Error ? error.message : String(error)}`);
}

/** The record in `value` if it is valid JSON of the right shape; nothing otherwise (a foreign or older writer). */
function parsed<T>(schema: z.ZodType<T>, value: string | null): T[] {
  if (value === null) return [];
  try {
    const result = schema.safeParse(JSON.parse(value));
    return result.success ? [result.data] : [];
  } catch {
    return [];
  }
}
