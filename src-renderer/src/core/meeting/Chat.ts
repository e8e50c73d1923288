import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { PeerId } from '../../../../src-common/ids';
import { chatTextSchema, MAX_CHAT_LENGTH, type ChatMessage } from '../../../../src-common/protocol';
import { Emitter } from '../base/Emitter';
import { Store } from '../base/Store';
import type { Requester } from './types';

/** A message as the chat panel shows it; `epoch` orders messages across reconnections. */
export interface ShownMessage extends ChatMessage {
  /** The local user sent it. */
  own: boolean;
  /** Which connection brought it: a restarted server numbers its room's messages from 1 again. */
  epoch: number;
}

export interface ChatState {
  /** In the room's order (server sequence within one connection, connections in order). */
  messages: ShownMessage[];
  /** Messages from others that arrived while the panel was closed. */
  unread: number;
  open: boolean;
  /** Why the last message could not be sent (too long, too fast...), until the next attempt. */
  error: string | null;
  sending: boolean;
}

export interface ChatEvents {
  /** A message seen for the first time (live or from the room's recent history). */
  message: { message: ShownMessage; live: boolean };
}

function sendError(error: unknown): string {
  if (error instanceof ParleyError) {
    switch (error.code) {
      case ErrorCode.RateLimited:
        return 'You are sending messages too fast. Wait a few seconds and try again.';
      case ErrorCode.BadRequest:
        return `The message was not accepted: ${error.message}`;
      case ErrorCode.NotFound:
        return 'That person is no longer in the meeting.';
      default:
        return `The message was not sent: ${error.message}`;
    }
  }
  return `The message was not sent: ${String(error)}`;
}

/**
 * The meeting's chat on this side: messages in the room's order without duplicates (a message may
 * arrive both live and in the history a (re)join fetches), the unread count while the panel is
 * closed, and sending with the server's refusals turned into clear errors.
 */
export class Chat {
  readonly state = new Store<ChatState>({ messages: [], unread: 0, open: false, error: null, sending: false });
  readonly events = new Emitter<ChatEvents>();
  private readonly seen = new Set<string>();
  private epoch = 0;
  private localPeerId: PeerId | null = null;

  constructor(private readonly request: Requester) {}

  /** A new connection joined as `localPeerId`; its messages sort after every earlier one. */
  connected(localPeerId: PeerId): void {
    this.localPeerId = localPeerId;
    this.epoch++;
  }

  /** Adds messages (live, or the recent history fetched at a join); already known ones are ignored. */
  receive(messages: readonly ChatMessage[], live: boolean): void {
    const fresh: ShownMessage[] = [];
    for (const message of messages) {
      if (this.seen.has(message.messageId)) continue;
      this.seen.add(message.messageId);
      fresh.push({ ...message, own: message.from === this.localPeerId, epoch: this.epoch });
    }
    if (fresh.length === 0) return;
    this.state.update((s) => {
      const all = [...s.messages, ...fresh].sort((a, b) => a.epoch - b.epoch || a.seq - b.seq);
      const unread = s.open ? 0 : s.unread + fresh.filter((m) => !m.own).length;
      return { ...s, messages: all, unread };
    });
    for (const message of fresh) this.events.emit('message', { message, live });
  }

  /** The user is writing again: the last refusal no longer applies. */
  clearError(): void {
    if (this.state.get().error !== null) this.state.update((s) => ({ ...s, error: null }));
  }

  setOpen(open: boolean): void {
    this.state.update((s) => ({ ...s, open, unread: open ? 0 : s.unread }));
  }

  /** Sends to everyone, or privately to `to`; resolves whether it was sent (the error is in the state). */
  async send(text: string, to?: PeerId): Promise<boolean> {
    const checked = chatTextSchema.safeParse(text);
    if (!checked.success) {
      const tooLong = text.trim().length > MAX_CHAT_LENGTH;
      this.state.update((s) => ({ ...s, error: tooLong ? `Messages are at most ${MAX_CHAT_LENGTH} characters (this one has ${text.trim().length}).` : null }));
      return false;
    }
    this.state.update((s) => ({ ...s, error: null, sending: true }));
    try {
      const { message } = await this.request('sendChat', to === undefined ? { text: checked.data } : { text: checked.data, to });
      this.receive([message], true);
      this.state.update((s) => ({ ...s, sending: false }));
      return true;
    } catch (error) {
      this.state.update((s) => ({ ...s, error: sendError(error), sending: false }));
      return false;
    }
  }
}
