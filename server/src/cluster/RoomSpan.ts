import type { ConsumerId, PeerId, ProducerId, RoomId } from '../../../src-common/ids';
import type { ChatMessage, PeerInfo, ProducerInfo, RaisedHand } from '../../../src-common/protocol';
import type { Logger } from '../logger';
import type { Dynacast } from '../media/Dynacast';
import type { Peer } from '../Peer';
import type { Chat, ChatRelay } from '../room/Chat';
import type { Hands, HandsRelay } from '../room/Hands';
import type { RoomMembers } from '../room/RoomMembers';
import type { RoomEvent } from './bus/busMessages';
import type { ClusterNode } from './ClusterNode';
import type { RemoteOrigin } from './nodePipes/RemotePipes';

interface RemotePeer {
  info: PeerInfo;
  nodeId: string;
  routerId: string;
}

/** The highest simulcast layer a viewer can want (Parley's cameras send three). */
const TOP_LAYER = 2;
/** Ids of messages that came from other nodes, remembered at most (the history keeps fewer). */
const MAX_RECEIVED_IDS = 1_000;

export interface RoomSpanOptions {
  roomId: RoomId;
  node: ClusterNode;
  /** This node's people in the meeting. */
  members: RoomMembers;
  /** The room's dynacast: a viewer on another node counts as wanting every layer (a pipe carries them all). */
  dynacast: Pick<Dynacast, 'setWant' | 'removeConsumer'>;
  logger: Logger;
}

/**
 * One meeting's part on this node, and what it knows of the parts on other nodes. A participant's
 * media lives on the node its socket reached; each node tells the others (a Redis channel per
 * room) who joined and left there and what they publish, and writes it to the directory, where a
 * node that takes part later reads who is already in. The people of other nodes are shown to this
 * node's people as any others (the client protocol does not change); consuming one of their
 * producers pipes it here (RemotePipes). A node that goes (heartbeat lapsed) takes its people with it.
 *
 * Chat and raised hands are the meeting's too: a message sent here goes to the other nodes, which
 * deliver it and keep it; each node reports its own people's hands and shows everyone's; a node
 * that joins the meeting later says hello and the others send it their messages and hands.
 * Not shared yet (issue #20 item 4): roles after joining, lock, lobby, removals, ended meetings
 * and active speaker stay per node; see README "Cluster".
 */
export class RoomSpan implements ChatRelay, HandsRelay {
  private readonly remote = new Map<PeerId, RemotePeer>();
  private leave: (() => void) | undefined;
  private meeting: { chat: Chat; hands: Hands } | undefined;
  /** Messages that came from other nodes: the rest of the history was sent here. */
  private readonly receivedIds = new Set<string>();
  private closed = false;
  private readonly onNodeGone = (nodeId: string): void => this.nodeGone(nodeId);
  private readonly onRemoteUse = (producerId: ProducerId, useId: string, watched: boolean): void => {
    if (!this.members.all().some((peer) => peer.findProducer(producerId))) return;
    if (watched) this.options.dynacast.setWant(producerId, useId as ConsumerId, TOP_LAYER);
    else this.options.dynacast.removeConsumer(producerId, useId as ConsumerId);
  };
  private readonly roomId: RoomId;
  private readonly node: ClusterNode;
  private readonly members: RoomMembers;
  private readonly logger: Logger;

  constructor(private readonly options: RoomSpanOptions) {
    ({ roomId: this.roomId, node: this.node, members: this.members, logger: this.logger } = options);
  }

  /** The room's chat and hands, which this span keeps in step with the other nodes. */
  attach(chat: Chat, hands: Hands): void {
    this.meeting = { chat, hands };
  }

  isRemote(peerId: PeerId): boolean {
    return this.remote.has(peerId);
  }

  chatSent(message: ChatMessage): void {
    this.node.bus.publishRoom(this.roomId, { event: 'chatSent', from: this.node.nodeId, message });
  }

  handsChanged(own: RaisedHand[]): void {
    this.node.bus.publishRoom(this.roomId, { event: 'handsChanged', from: this.node.nodeId, hands: own });
  }

  lowerHand(peerId: PeerId): void {
    this.node.bus.publishRoom(this.roomId, { event: 'handLowered', from: this.node.nodeId, peerId });
  }

  lowerAllHands(): void {
    this.node.bus.publishRoom(this.roomId, { event: 'handsLoweredAll', from: this.node.nodeId });
  }

  /** Hears the other nodes, then reads who is already in on them and asks for their chat and hands. */
  async start(): Promise<void> {
    this.node.on('nodeGone', this.onNodeGone);
    this.node.origin.on('remoteUse', this.onRemoteUse);
    this.leave = await this.node.bus.joinRoom(this.roomId, (event) => this.received(event));
    const { directory } = this.node;
    const [peers, producers] = await Promise.all([directory.peers(this.roomId), directory.producers(this.roomId)]);
    const alive = new Set((await directory.nodes()).map((node) => node.nodeId));
    for (const record of peers) {
      if (record.nodeId === this.node.nodeId || !alive.has(record.nodeId) || this.remote.has(record.peerId as PeerId)) continue;
      const own = producers.filter((producer) => producer.peerId === record.peerId);
      const info: PeerInfo = {
        peerId: record.peerId as PeerId,
        displayName: record.displayName,
        role: record.role ?? 'participant',
        producers: own.map((producer) => ({
          producerId: producer.producerId as ProducerId,
          kind: producer.kind,
          source: producer.source ?? (producer.kind === 'audio' ? 'microphone' : 'camera'),
          paused: producer.paused,
        })),
      };
      this.remote.set(info.peerId, { info, nodeId: record.nodeId, routerId: record.routerId });
    }
    if (this.remote.size > 0) this.logger.info(`start() | ${this.remote.size} participant(s) on other nodes`);
    this.node.bus.publishRoom(this.roomId, { event: 'hello', from: this.node.nodeId });
  }

  /** The people of this meeting on other nodes, as a joiner sees them. */
  others(): PeerInfo[] {
    return [...this.remote.values()].map((peer) => peer.info);
  }

  /** Where a producer of someone on another node starts, if it is one. */
  origin(producerId: ProducerId): (RemoteOrigin & { ownerId: PeerId }) | undefined {
    for (const peer of this.remote.values()) {
      if (peer.info.producers.some((producer) => producer.producerId === producerId)) {
        return { roomId: this.roomId, nodeId: peer.nodeId, routerId: peer.routerId, ownerId: peer.info.peerId };
      }
    }
    return undefined;
  }

  /** A participant joined here, on `routerId`: the other nodes and the directory learn it, and follow its tracks. */
  track(peer: Peer, routerId: string): void {
    const { directory, bus, nodeId } = this.node;
    const info = peer.info();
    const from = nodeId;
    this.write(directory.putPeer(this.roomId, { peerId: peer.id, displayName: info.displayName, role: info.role, routerId, nodeId, signalNodeId: nodeId }));
    bus.publishRoom(this.roomId, { event: 'peerJoined', from, routerId, peer: info });
    const producerRecord = (producer: ProducerInfo) => ({ producerId: producer.producerId, peerId: peer.id, routerId, kind: producer.kind, source: producer.source, paused: producer.paused });
    // A closing peer does not report its producers one by one (Peer.close): they are remembered here.
    const published = new Set<ProducerId>();
    peer.on('producerAdded', (producer) => {
      published.add(producer.producerId);
      this.write(directory.putProducer(this.roomId, producerRecord(producer)));
      bus.publishRoom(this.roomId, { event: 'producerAdded', from, peerId: peer.id, producer });
    });
    const state = (producerId: ProducerId, paused: boolean): void => {
      const producer = peer.info().producers.find((candidate) => candidate.producerId === producerId);
      if (producer) this.write(directory.putProducer(this.roomId, producerRecord({ ...producer, paused })));
      bus.publishRoom(this.roomId, { event: paused ? 'producerPaused' : 'producerResumed', from, peerId: peer.id, producerId });
    };
    peer.on('producerPaused', (producerId) => state(producerId, true));
    peer.on('producerResumed', (producerId) => state(producerId, false));
    peer.on('producerClosed', (producerId) => {
      published.delete(producerId);
      this.write(directory.removeProducer(this.roomId, producerId));
      bus.publishRoom(this.roomId, { event: 'producerClosed', from, peerId: peer.id, producerId });
    });
    peer.once('closed', () => {
      for (const producerId of published) this.write(directory.removeProducer(this.roomId, producerId));
      // Replaced by its own return (same id, a new connection): the newcomer was announced already.
      if (this.members.get(peer.id)) return;
      this.write(directory.removePeer(this.roomId, peer.id));
      bus.publishRoom(this.roomId, { event: 'peerLeft', from, peerId: peer.id });
    });
  }

  /** This node's part of the meeting ended. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.node.off('nodeGone', this.onNodeGone);
    this.node.origin.off('remoteUse', this.onRemoteUse);
    this.leave?.();
    this.remote.clear();
  }

  private received(event: RoomEvent): void {
    if (this.closed) return;
    if (this.meetingEvent(event)) return;
    switch (event.event) {
      case 'peerJoined': {
        const peerId = event.peer.peerId;
        // Someone who moved here from another node (or back) is one person: the local peer wins.
        if (this.members.get(peerId)) return;
        this.remote.set(peerId, { info: { ...event.peer, producers: [...event.peer.producers] }, nodeId: event.from, routerId: event.routerId });
        this.members.notifyAll('peerJoined', { peer: event.peer });
        return;
      }
      case 'peerLeft':
        if (this.remote.get(event.peerId)?.nodeId !== event.from) return;
        this.remote.delete(event.peerId);
        this.members.notifyAll('peerLeft', { peerId: event.peerId });
        return;
      case 'producerAdded': {
        const peer = this.peerOf(event.peerId, event.from);
        if (!peer || peer.info.producers.some((producer) => producer.producerId === event.producer.producerId)) return;
        peer.info.producers.push(event.producer);
        this.members.notifyAll('producerAdded', { peerId: event.peerId, producer: event.producer });
        return;
      }
      case 'producerClosed': {
        const peer = this.peerOf(event.peerId, event.from);
        if (!peer) return;
        peer.info.producers = peer.info.producers.filter((producer) => producer.producerId !== event.producerId);
        this.members.notifyAll('producerClosed', { peerId: event.peerId, producerId: event.producerId });
        return;
      }
      case 'producerPaused':
      case 'producerResumed': {
        const producer = this.peerOf(event.peerId, event.from)?.info.producers.find((candidate) => candidate.producerId === event.producerId);
        if (!producer) return;
        producer.paused = event.event === 'producerPaused';
        this.members.notifyAll(event.event, { peerId: event.peerId, producerId: event.producerId });
        return;
      }
    }
  }

  /** Chat and hands; false for the events about people and tracks. */
  private meetingEvent(event: RoomEvent): boolean {
    const meeting = this.meeting;
    switch (event.event) {
      case 'hello': {
        if (!meeting) return true;
        const own = meeting.chat.messages((message) => !this.receivedIds.has(message.messageId));
        if (own.length > 0) this.node.bus.publishRoom(this.roomId, { event: 'chatHistory', from: this.node.nodeId, messages: own });
        const hands = meeting.hands.own();
        if (hands.length > 0) this.handsChanged(hands);
        return true;
      }
      case 'chatSent':
      case 'chatHistory':
        for (const message of event.event === 'chatSent' ? [event.message] : event.messages) {
          this.receivedIds.add(message.messageId);
          meeting?.chat.receive(message);
        }
        while (this.receivedIds.size > MAX_RECEIVED_IDS) this.receivedIds.delete(this.receivedIds.values().next().value!);
        return true;
      case 'handsChanged':
        meeting?.hands.setRemote(event.from, event.hands);
        return true;
      case 'handLowered':
        if (this.members.get(event.peerId)) meeting?.hands.lower(event.peerId);
        return true;
      case 'handsLoweredAll':
        meeting?.hands.lowerOwn();
        return true;
      default:
        return false;
    }
  }

  private peerOf(peerId: PeerId, nodeId: string): RemotePeer | undefined {
    const peer = this.remote.get(peerId);
    return peer?.nodeId === nodeId ? peer : undefined;
  }

  /** A node went: its people left the meeting (their pipes closed with it, see ClusterNode). */
  private nodeGone(nodeId: string): void {
    this.meeting?.hands.setRemote(nodeId, []);
    for (const [peerId, peer] of this.remote) {
      if (peer.nodeId !== nodeId) continue;
      this.remote.delete(peerId);
      this.members.notifyAll('peerLeft', { peerId });
      this.write(this.node.directory.removePeer(this.roomId, peerId));
      for (const producer of peer.info.producers) this.write(this.node.directory.removeProducer(this.roomId, producer.producerId));
    }
  }

  /** A directory write in the background: the meeting goes on when Redis is away a moment. */
  private write(operation: Promise<void>): void {
    operation.catch((error: unknown) => this.logger.warn(`directory write failed: ${String(error)}`));
  }
}
