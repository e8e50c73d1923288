/** Chat messages for the meeting features' unit tests (not used by the app). */
import type { PeerId } from '../../../../src-common/ids';
import type { ChatMessage, ChatMessageId } from '../../../../src-common/protocol';

export const p = (id: string) => id as PeerId;

/** Message `seq` from Ben to everyone, with `over` changed. */
export const message = (seq: number, over: Partial<ChatMessage> = {}): ChatMessage => ({
  messageId: `m${seq}` as ChatMessageId,
  seq,
  from: p('ben'),
  fromName: 'Ben',
  to: null,
  text: `hello ${seq}`,
  sentAt: seq,
  ...over,
});
