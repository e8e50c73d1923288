import { randomUUID } from 'node:crypto';
import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { PeerId } from '../../../src-common/ids';
import type { ChatMessage, ChatMessageId } from '../../../src-common/protocol';
import type { Peer } from '../Peer';
import type { RoomMembers } from './RoomMembers';
import { TokenBuckets } from './TokenBucket';

export interface ChatOptions {
  /** How many recent messages late joiners get. */
  historySize?: number;
  /** Messages a peer may send per `rateWindowMs` (token bucket). */
  rateLimit?: number;
  rateWindowMs?: number;
  now?: () => number;
  /** The meeting's parts on other nodes of a cluster (cluster/RoomSpan.ts), told every message sent here. */
  relay?: ChatRelay;
}

/** How a chat reaches the people of its meeting on other nodes. */
export interface ChatRelay {
  /** Whether `peerId` is in the meeting on another node (a private message may go to them). */
  isRemote(peerId: PeerId): boolean;
  /** A message was sent here: the other nodes deliver it to their people and keep it in their history. */
  chatSent(message: ChatMessage): void;
}

/**
 * A room's chat: one sequence for the whole room, so every receiver sees the same order; a bounded
 * history for late joiners, in which private messages are only shown to their two parties.
 */
export class Chat {
  private readonly history: ChatMessage[] = [];
  private readonly historySize: number;
  private readonly rate: TokenBuckets<PeerId>;
  private readonly now: () => number;
  private seq = 0;

  constructor(
    private readonly members: RoomMembers,
    private readonly options: ChatOptions = {},
  ) {
    this.historySize = options.historySize ?? 100;
    this.now = options.now ?? Date.now;
    this.rate = new TokenBuckets(options.rateLimit ?? 10, options.rateWindowMs ?? 10_000, this.now);
  }

  send(from: Peer, text: string, to: PeerId | undefined): ChatMessage {
    const target = to === undefined ? undefined : this.members.get(to);
    const remoteTarget = to !== undefined && !target && this.options.relay?.isRemote(to) === true;
    if (to !== undefined && !remoteTarget && (!target || target === from)) {
      throw new ParleyError(ErrorCode.NotFound, `no other participant ${JSON.stringify(to)} is in this meeting`);
    }
    if (!this.rate.take(from.id)) {
      throw new ParleyError(ErrorCode.RateLimited, 'you are sending messages too fast; wait a few seconds', ErrorReason.TooFast);
    }
    const message: ChatMessage = {
      messageId: randomUUID() as ChatMessageId,
      seq: ++this.seq,
      from: from.id,
      fromName: from.displayName,
      to: to ?? null,
      text,
      sentAt: this.now(),
    };
    this.keep(message);
    if (target || remoteTarget) {
      from.notify('chatReceived', { message });
      target?.notify('chatReceived', { message });
    } else {
      this.members.notifyAll('chatReceived', { message });
    }
    this.options.relay?.chatSent(message);
    return message;
  }

  /**
   * A message sent on another node of the meeting: kept in the history and delivered to whoever
   * here may read it. Its number stays the sender node's; this node's next one comes after it.
   */
  receive(message: ChatMessage): void {
    if (this.history.some((kept) => kept.messageId === message.messageId)) return;
    this.seq = Math.max(this.seq, message.seq);
    this.keep(message);
    if (message.to === null) this.members.notifyAll('chatReceived', { message });
    else this.members.get(message.to)?.notify('chatReceived', { message });
  }

  /** The kept messages that pass `filter` (those sent on this node, for a node that joins the meeting later). */
  messages(filter: (message: ChatMessage) => boolean): ChatMessage[] {
    return this.history.filter(filter);
  }

  /** Recent messages `peerId` may read, oldest first. */
  historyFor(peerId: PeerId): ChatMessage[] {
    return this.history.filter((m) => m.to === null || m.to === peerId || m.from === peerId);
  }

  private keep(message: ChatMessage): void {
    this.history.push(message);
    this.history.sort((a, b) => a.sentAt - b.sentAt || a.seq - b.seq);
    if (this.history.length > this.historySize) this.history.shift();
  }

  forget(peerId: PeerId): void {
    this.rate.forget(peerId);
  }
}
