import { describe, expect, it } from 'vitest';
import { Emitter } from '../base/Emitter';
import { message, p } from './testMessages';
import { Store } from '../base/Store';
import type { SessionEvents } from '../session/sessionTypes';
import { Chat } from './Chat';
import { chatPreview, NOTICE_MAX_PEOPLE, presenceCue, PREVIEW_CHARS, SOUND_MAX_PEOPLE, tabTitle, type CueSound } from './cueRules';
import { Cues } from './Cues';
import { Notices } from './Notices';


describe('cue rules', () => {
  it('title the tab with the unread count first, then muted, then the meeting', () => {
    expect(tabTitle({ meeting: 'Design review', unread: 0, muted: false })).toBe('Design review · Parley');
    expect(tabTitle({ meeting: 'Design review', unread: 3, muted: true })).toBe('(3) Muted · Design review · Parley');
    expect(tabTitle({ meeting: 'standup', unread: 140, muted: false })).toBe('(99+) standup · Parley');
  });

  it('preview a message on one line, cut at a whole character, and say when it is private', () => {
    expect(chatPreview('Ben', 'see\n\n you  soon', false)).toBe('Ben: see you soon');
    expect(chatPreview('Ben', 'psst', true)).toBe('Ben (privately): psst');
    const long = chatPreview('Ben', '🎉'.repeat(200), false);
    expect(long).toBe(`Ben: ${'🎉'.repeat(PREVIEW_CHARS - 1)}…`);
  });

  it('make a sound for joins and leaves only in small meetings with sounds on, and stop showing them in big ones', () => {
    expect(presenceCue('joined', 'Cai', 3, true)).toEqual({ text: 'Cai joined', kind: 'info', sound: 'joined' });
    expect(presenceCue('left', 'Cai', SOUND_MAX_PEOPLE, true).sound).toBe('left');
    expect(presenceCue('left', 'Cai', SOUND_MAX_PEOPLE + 1, true)).toEqual({ text: 'Cai left', kind: 'info', sound: null });
    expect(presenceCue('joined', 'Cai', 3, false).sound).toBeNull();
    expect(presenceCue('joined', 'Cai', NOTICE_MAX_PEOPLE + 1, true)).toEqual({ text: 'Cai joined', kind: 'announce', sound: null });
  });
});

function setup(options: { people?: number; waiting?: Store<number> } = {}) {
  const events = new Emitter<SessionEvents>();
  const chat = new Chat(async () => ({}) as never);
  chat.connected(p('me'));
  const notices = new Notices();
  const muted = new Store(false);
  const title = new Store('Design review');
  const titles: string[] = [];
  const sounds: CueSound[] = [];
  let people = options.people ?? 3;
  const cues = new Cues({
    events,
    people: () => people,
    chat,
    notices,
    muted,
    title,
    ...(options.waiting ? { waiting: options.waiting } : {}),
    setTitle: (t) => titles.push(t),
    play: (s) => sounds.push(s),
  });
  const shown = () => notices.state.get().map((n) => `${n.kind}: ${n.text}`);
  return { events, chat, notices, muted, title, titles, sounds, cues, shown, setPeople: (n: number) => (people = n) };
}

describe('the cues of a meeting', () => {
  it('keeps the tab title current with unread messages, mute and the meeting name, and stops when closed', () => {
    const { chat, muted, title, titles, cues } = setup();
    expect(titles.at(-1)).toBe('Design review · Parley');
    chat.receive([message(1), message(2)], true);
    expect(titles.at(-1)).toBe('(2) Design review · Parley');
    muted.set(true);
    expect(titles.at(-1)).toBe('(2) Muted · Design review · Parley');
    chat.setOpen(true);
    expect(titles.at(-1)).toBe('Muted · Design review · Parley');
    title.set('Hana\'s meeting');
    expect(titles.at(-1)).toBe('Muted · Hana\'s meeting · Parley');
    cues.close();
    muted.set(false);
    expect(titles.at(-1)).toBe('Muted · Hana\'s meeting · Parley');
    cues.close();
  });

  it('tells of joins and leaves by name, with a sound only while the meeting is small and sounds are on', () => {
    const { events, sounds, shown, cues, setPeople } = setup();
    events.emit('joined', { localPeerId: p('me'), peers: [{ peerId: p('ana'), displayName: 'Ana' }] });
    events.emit('participantJoined', { peerId: p('cai'), displayName: 'Cai' });
    events.emit('participantLeft', { peerId: p('ana') });
    events.emit('participantLeft', { peerId: p('nobody-we-knew') });
    cues.setSounds(false);
    events.emit('participantLeft', { peerId: p('cai') });
    cues.setSounds(true);
    setPeople(SOUND_MAX_PEOPLE + 1);
    events.emit('participantJoined', { peerId: p('dan'), displayName: 'Dan' });
    expect(shown()).toEqual(['info: Cai joined', 'info: Ana left', 'info: Cai left', 'info: Dan joined']);
    expect(sounds).toEqual(['joined', 'left']);
  });

  it('previews live messages from others while the chat is closed, never history, own or open-panel ones', () => {
    const { chat, shown } = setup();
    chat.receive([message(1)], false);
    chat.receive([message(2, { from: p('me'), fromName: 'Me' })], true);
    chat.receive([message(3, { to: p('me'), text: 'a word' })], true);
    chat.setOpen(true);
    chat.receive([message(4)], true);
    expect(shown()).toEqual(['info: Ben (privately): a word']);
  });

  it('plays the knock sound when someone starts waiting, not when people leave the lobby', () => {
    const waiting = new Store(1);
    const { sounds } = setup({ waiting });
    waiting.set(2);
    waiting.set(1);
    waiting.set(0);
    waiting.set(1);
    expect(sounds).toEqual(['knock', 'knock']);
  });
});
