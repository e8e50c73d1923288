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
    options: ChatOptions = {},
  ) {
    this.historySize = options.historySize ?? 100;
    this.now = options.now ?? Date.now;
    this.rate = new TokenBuckets(options.rateLimit ?? 10, options.rateWindowMs ?? 10_000, this.now);
  }

  send(from: Peer, text: string, to: PeerId | undefined): ChatMessage {
    const target = to === undefined ? undefined : this.members.get(to);
    if (to !== undefined && (!target || target === from)) {
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
    this.history.push(message);
    if (this.history.length > this.historySize) this.history.shift();
    if (target) {
      from.notify('chatReceived', { message });
      target.notify('chatReceived', { message });
    } else {
      this.members.notifyAll('chatReceived', { message });
    }
    return message;
  }

  /** Recent messages `peerId` may read, oldest first. */
  historyFor(peerId: PeerId): ChatMessage[] {
    return this.history.filter((m) => m.to === null || m.to === peerId || m.from === peerId);
  }

  forget(peerId: PeerId): void {
    this.rate.forget(peerId);
  }
}
