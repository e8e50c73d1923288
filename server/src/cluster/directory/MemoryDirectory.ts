import { randomUUID } from 'node:crypto';
import type { Directory } from './Directory';
import type { NodeRecord, PeerRecord, PipeRecord, ProducerRecord, RoomRecord, RouterRecord } from './records';

interface RoomParts {
  record: RoomRecord | undefined;
  routers: Map<string, RouterRecord>;
  producers: Map<string, ProducerRecord>;
  pipes: Map<string, PipeRecord>;
  peers: Map<string, PeerRecord>;
}

/**
 * The directory of one process: the embedded LAN host and a single standalone server need no
 * extra service. Records are copied in and out, so callers never share mutable state with it.
 */
export class MemoryDirectory implements Directory {
  private readonly nodeMap = new Map<string, { node: NodeRecord; expiresAt: number }>();
  private readonly roomMap = new Map<string, RoomParts>();
  private readonly locks = new Map<string, { token: string; expiresAt: number }>();

  /** `now` is the clock heartbeats and locks expire by (milliseconds). */
  constructor(private readonly now: () => number = () => Date.now()) {}

  async heartbeat(node: NodeRecord, ttlMs: number): Promise<void> {
    this.nodeMap.set(node.nodeId, { node: structuredClone(node), expiresAt: this.now() + ttlMs });
  }

  async nodes(): Promise<NodeRecord[]> {
    const now = this.now();
    for (const [id, entry] of this.nodeMap) if (entry.expiresAt <= now) this.nodeMap.delete(id);
    return [...this.nodeMap.values()].map(({ node }) => structuredClone(node));
  }

  async removeNode(nodeId: string): Promise<void> {
    this.nodeMap.delete(nodeId);
  }

  async claimRoom(record: RoomRecord): Promise<RoomRecord> {
    const parts = this.parts(record.roomId);
    parts.record ??= structuredClone(record);
    return structuredClone(parts.record);
  }

  async room(roomId: string): Promise<RoomRecord | undefined> {
    const record = this.roomMap.get(roomId)?.record;
    return record && structuredClone(record);
  }

  async rooms(): Promise<string[]> {
    return [...this.roomMap].flatMap(([id, parts]) => (parts.record ? [id] : []));
  }

  async removeRoom(roomId: string): Promise<void> {
    this.roomMap.delete(roomId);
  }

  async putRouter(roomId: string, router: RouterRecord): Promise<void> {
    this.parts(roomId).routers.set(router.routerId, structuredClone(router));
  }

  async removeRouter(roomId: string, routerId: string): Promise<void> {
    this.roomMap.get(roomId)?.routers.delete(routerId);
  }

  async routers(roomId: string): Promise<RouterRecord[]> {
    return this.list(roomId, 'routers');
  }

  async putProducer(roomId: string, producer: ProducerRecord): Promise<void> {
    this.parts(roomId).producers.set(producer.producerId, structuredClone(producer));
  }

  async removeProducer(roomId: string, producerId: string): Promise<void> {
    this.roomMap.get(roomId)?.producers.delete(producerId);
  }

  async producers(roomId: string): Promise<ProducerRecord[]> {
    return this.list(roomId, 'producers');
  }

  async acquirePipe(roomId: string, producerId: string, routerId: string): Promise<{ refs: number; first: boolean }> {
    const pipes = this.parts(roomId).pipes;
    const key = `${producerId} ${routerId}`;
    const pipe = pipes.get(key) ?? { producerId, routerId, refs: 0 };
    pipe.refs++;
    pipes.set(key, pipe);
    return { refs: pipe.refs, first: pipe.refs === 1 };
  }

  async releasePipe(roomId: string, producerId: string, routerId: string): Promise<{ refs: number; last: boolean }> {
    const pipes = this.roomMap.get(roomId)?.pipes;
    const key = `${producerId} ${routerId}`;
    const pipe = pipes?.get(key);
    if (!pipes || !pipe) return { refs: 0, last: false };
    pipe.refs--;
    if (pipe.refs > 0) return { refs: pipe.refs, last: false };
    pipes.delete(key);
    return { refs: 0, last: true };
  }

  async pipes(roomId: string): Promise<PipeRecord[]> {
    return this.list(roomId, 'pipes');
  }

  async putPeer(roomId: string, peer: PeerRecord): Promise<void> {
    this.parts(roomId).peers.set(peer.peerId, structuredClone(peer));
  }

  async removePeer(roomId: string, peerId: string): Promise<void> {
    this.roomMap.get(roomId)?.peers.delete(peerId);
  }

  async peers(roomId: string): Promise<PeerRecord[]> {
    return this.list(roomId, 'peers');
  }

  async lockRoom(roomId: string, ttlMs: number): Promise<string | null> {
    const held = this.locks.get(roomId);
    if (held && held.expiresAt > this.now()) return null;
    const token = randomUUID();
    this.locks.set(roomId, { token, expiresAt: this.now() + ttlMs });
    return token;
  }

  async unlockRoom(roomId: string, token: string): Promise<boolean> {
    const held = this.locks.get(roomId);
    if (!held || held.token !== token || held.expiresAt <= this.now()) return false;
    this.locks.delete(roomId);
    return true;
  }

  async close(): Promise<void> {
    this.nodeMap.clear();
    this.roomMap.clear();
    this.locks.clear();
  }

  private parts(roomId: string): RoomParts {
    let parts = this.roomMap.get(roomId);
    if (!parts) {
      parts = { record: undefined, routers: new Map(), producers: new Map(), pipes: new Map(), peers: new Map() };
      this.roomMap.set(roomId, parts);
    }
    return parts;
  }

  private list<K extends 'routers' | 'producers' | 'pipes' | 'peers'>(roomId: string, kind: K): Array<RoomParts[K] extends Map<string, infer V> ? V : never> {
    const map = this.roomMap.get(roomId)?.[kind];
    return map ? ([...map.values()].map((value) => structuredClone(value)) as Array<RoomParts[K] extends Map<string, infer V> ? V : never>) : [];
  }
}
