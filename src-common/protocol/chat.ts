/**
 * In-meeting chat, raised hands and reactions: request schemas, responses and notifications,
 * spread into the protocol maps in requests.ts and notifications.ts.
 */
import { z } from 'zod';
import type { Brand, PeerId } from '../ids';
import { peerIdSchema } from '../validation';

/** A chat message's id, issued by the server. */
export type ChatMessageId = Brand<string, 'ChatMessageId'>;

/** The longest chat message the server accepts, in UTF-16 code units. */
export const MAX_CHAT_LENGTH = 2000;

/** Chat text: trimmed, non-empty, at most {@link MAX_CHAT_LENGTH}; it is shown as text, never as HTML. */
export const chatTextSchema = z
  .string()
  .trim()
  .min(1, 'a message needs some text')
  .max(MAX_CHAT_LENGTH, `messages are at most ${MAX_CHAT_LENGTH} characters`);

/** The reactions anyone may send; anything else is BAD_REQUEST. */
export const reactionSchema = z.enum(['👍', '👏', '😂', '❤️', '🎉', '😮']);
export type Reaction = z.infer<typeof reactionSchema>;
export const REACTIONS: readonly Reaction[] = reactionSchema.options;

/** One chat message as every receiver sees it. */
export interface ChatMessage {
  messageId: ChatMessageId;
  /** The room's order: every receiver sees messages in increasing `seq`. */
  seq: number;
  from: PeerId;
  /** The sender's display name when it was sent (senders may leave). */
  fromName: string;
  /** Set for a private message: only `from` and `to` ever receive it. */
  to: PeerId | null;
  text: string;
  /** Server time in ms since the epoch. */
  sentAt: number;
}

/** A raised hand; lists of hands are in the order they were raised. */
export interface RaisedHand {
  peerId: PeerId;
  raisedAt: number;
}

export const chatRequestSchemas = {
  /** Sends a message to everyone, or privately to `to`. Over-rate senders get RATE_LIMITED. */
  sendChat: z.strictObject({ text: chatTextSchema, to: peerIdSchema.optional() }),
  /** Raises the caller's hand (raising twice keeps the first place in the queue). */
  raiseHand: z.strictObject({}),
  /** Lowers the caller's hand, or (moderators only, else FORBIDDEN) `peerId`'s. */
  lowerHand: z.strictObject({ peerId: peerIdSchema.optional() }),
  /** Lowers every hand; moderators only. */
  lowerAllHands: z.strictObject({}),
  /** Shows a reaction over the caller's tile for everyone. */
  sendReaction: z.strictObject({ reaction: reactionSchema }),
  /** What a joiner missed: recent chat it may read, raised hands and whether the room is locked. */
  getMeetingState: z.strictObject({}),
} as const;

export interface ChatResponseData {
  sendChat: { message: ChatMessage };
  raiseHand: Record<string, never>;
  lowerHand: Record<string, never>;
  lowerAllHands: Record<string, never>;
  sendReaction: Record<string, never>;
  /** `meetingName`: a hosted meeting's human name (absent for a room reached by its name, and from older servers). */
  getMeetingState: { messages: ChatMessage[]; hands: RaisedHand[]; locked: boolean; meetingName?: string | undefined };
}

export interface ChatNotificationData {
  /** A chat message for this peer (the sender receives its own too, in the room's order). */
  chatReceived: { message: ChatMessage };
  /** The raised hands changed; `hands` is the whole list, oldest first. */
  handsChanged: { hands: RaisedHand[] };
  /** Someone reacted; shown briefly over their tile. */
  reactionSent: { peerId: PeerId; reaction: Reaction };
}
