import { describe, expect, it } from 'vitest';
import type { PeerId } from '../../../../src-common/ids';
import type { NotifyInput } from '../../../../src-common/ipc/app';
import type { ChatMessage, ChatMessageId } from '../../../../src-common/protocol';
import { Chat } from '../meeting/Chat';
import { linkChatToDesktop } from './chatDesktopLink';
import type { Requester } from '../meeting/types';

const message = (seq: number, from: string, over: Partial<ChatMessage> = {}): ChatMessage => ({
  messageId: `m${seq}` as ChatMessageId,
  seq,
  from: from as PeerId,
  fromName: from === 'me' ? 'Ada' : 'Ben',
  to: null,
  text: `text ${seq}`,
  sentAt: seq,
  ...over,
});

function setup() {
  const notified: NotifyInput[] = [];
  const badges: number[] = [];
  const app = {
    notify: async (input: NotifyInput) => (notified.push(input), { shown: true }),
    setUnreadCount: async ({ count }: { count: number }) => void badges.push(count),
  };
  const chat = new Chat((async () => ({})) as unknown as Requester);
  chat.connected('me' as PeerId);
  return { app, chat, notified, badges };
}

describe('the chat in the desktop shell', () => {
  it('counts unread messages on the app icon and clears the badge when read and when the meeting is over', () => {
    const { app, chat, badges } = setup();
    const unlink = linkChatToDesktop(app, 'standup', chat);
    chat.receive([message(1, 'ben'), message(2, 'ben')], true);
    chat.receive([message(3, 'me')], true);
    chat.setOpen(true);
    chat.setOpen(false);
    chat.receive([message(4, 'ben')], true);
    unlink();
    expect(badges).toEqual([2, 0, 1, 0]);
  });

  it('raises a notification for live messages from others only, private ones said so, long ones cut', () => {
    const { app, chat, notified } = setup();
    linkChatToDesktop(app, 'standup', chat);
    chat.receive([message(1, 'ben')], false);
    chat.receive([message(2, 'me'), message(3, 'ben', { to: 'me' as PeerId, text: 'x'.repeat(1000) })], true);
    expect(notified).toHaveLength(1);
    expect(notified[0]).toMatchObject({ kind: 'chat-message', title: 'Private message from Ben (standup)' });
    expect(notified[0]!.body).toHaveLength(400);
    expect(notified[0]!.body.endsWith('…')).toBe(true);
  });
});
