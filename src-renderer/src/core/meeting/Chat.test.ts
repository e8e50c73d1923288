import { describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { PeerId } from '../../../../src-common/ids';
import type { ChatMessage, ChatMessageId } from '../../../../src-common/protocol';
import { Chat } from './Chat';
import type { Requester } from './types';

const p = (id: string) => id as PeerId;
const msg = (seq: number, from = 'b', over: Partial<ChatMessage> = {}): ChatMessage => ({
  messageId: `m${seq}-${from}` as ChatMessageId,
  seq,
  from: p(from),
  fromName: from.toUpperCase(),
  to: null,
  text: `message ${seq}`,
  sentAt: 1000 + seq,
  ...over,
});

function chatWith(answer: (data: unknown) => Promise<unknown>) {
  const sent: unknown[] = [];
  const request = ((method: string, data: unknown) => {
    sent.push([method, data]);
    return answer(data);
  }) as unknown as Requester;
  const chat = new Chat(request);
  chat.connected(p('me'));
  return { chat, sent };
}

describe('the chat', () => {
  it('keeps messages in the room’s order whatever order they arrive in, each once', () => {
    const { chat } = chatWith(async () => ({}));
    chat.receive([msg(3)], true);
    // The history fetched at the join arrives after a live message, and repeats it.
    chat.receive([msg(1), msg(2), msg(3)], false);
    chat.receive([msg(3)], true);
    expect(chat.state.get().messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('puts messages of a later connection after earlier ones, even when the server numbers from 1 again', () => {
    const { chat } = chatWith(async () => ({}));
    chat.receive([msg(7), msg(8)], true);
    chat.connected(p('me-again'));
    chat.receive([msg(1, 'c')], true);
    expect(chat.state.get().messages.map((m) => `${m.from}:${m.seq}`)).toEqual(['b:7', 'b:8', 'c:1']);
  });

  it('counts others’ messages as unread while the panel is closed, not one’s own, and clears on opening', () => {
    const { chat } = chatWith(async () => ({}));
    chat.receive([msg(1), msg(2, 'me')], true);
    expect(chat.state.get().unread).toBe(1);
    expect(chat.state.get().messages.map((m) => m.own)).toEqual([false, true]);
    chat.setOpen(true);
    expect(chat.state.get().unread).toBe(0);
    chat.receive([msg(3)], true);
    expect(chat.state.get().unread).toBe(0);
    chat.setOpen(false);
    chat.receive([msg(4)], true);
    expect(chat.state.get().unread).toBe(1);
  });

  it('announces each new message once, saying whether it came live', () => {
    const { chat } = chatWith(async () => ({}));
    const seen: Array<[number, boolean]> = [];
    chat.events.on('message', ({ message, live }) => seen.push([message.seq, live]));
    chat.receive([msg(1), msg(2)], false);
    chat.receive([msg(2), msg(3)], true);
    expect(seen).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
  });

  it('sends trimmed text, privately when asked, and shows the message the server answered', async () => {
    const { chat, sent } = chatWith(async () => ({ message: msg(5, 'me', { to: p('b'), text: 'hi' }) }));
    expect(await chat.send('  hi  ', p('b'))).toBe(true);
    expect(sent).toEqual([['sendChat', { text: 'hi', to: 'b' }]]);
    expect(chat.state.get()).toMatchObject({ error: null, sending: false, messages: [{ seq: 5, own: true, to: 'b' }] });
  });

  it('refuses an over-long message before sending it, and says how long it is', async () => {
    const { chat, sent } = chatWith(async () => ({}));
    expect(await chat.send('x'.repeat(2001))).toBe(false);
    expect(sent).toEqual([]);
    expect(chat.state.get().error).toBe('Messages are at most 2000 characters (this one has 2001).');
    expect(await chat.send('   ')).toBe(false);
    expect(chat.state.get().error).toBeNull();
  });

  it.each([
    [new ParleyError(ErrorCode.RateLimited, 'too fast'), /too fast\. Wait a few seconds/],
    [new ParleyError(ErrorCode.BadRequest, 'messages are at most 2000 characters'), /not accepted: messages are at most 2000/],
    [new ParleyError(ErrorCode.NotFound, 'gone'), /no longer in the meeting/],
    [new ParleyError(ErrorCode.ConnectionClosed, 'not connected'), /not sent: not connected/],
  ])('turns a refusal (%s) into a clear error and keeps working', async (error, expected) => {
    const { chat } = chatWith(async () => {
      throw error;
    });
    expect(await chat.send('hello')).toBe(false);
    expect(chat.state.get().error).toMatch(expected);
    expect(chat.state.get().sending).toBe(false);
  });
});
