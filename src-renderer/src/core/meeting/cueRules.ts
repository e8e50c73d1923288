/**
 * What the meeting tells people without being asked: the tab title, join and leave notices (with
 * a sound in small meetings), chat previews. Pure rules, so each is tested on its own.
 */

/** Above this many people, joining and leaving make no sound (a big meeting would never be quiet). */
export const SOUND_MAX_PEOPLE = 8;
/** Above this many people, joins and leaves are only announced to screen readers, not shown. */
export const NOTICE_MAX_PEOPLE = 25;
/** A chat preview shows at most this many characters of the message. */
export const PREVIEW_CHARS = 80;

export type CueSound = 'joined' | 'left' | 'knock' | 'message';

/** The tab's title: unread messages first (the tab strip cuts the end), then whether you are muted. */
export function tabTitle({ meeting, unread, muted }: { meeting: string; unread: number; muted: boolean }): string {
  const count = unread > 0 ? `(${unread > 99 ? '99+' : unread}) ` : '';
  return `${count}${muted ? 'Muted · ' : ''}${meeting} · Parley`;
}

/** A message shown briefly while the chat is closed: who, and the start of what they wrote. */
export function chatPreview(fromName: string, text: string, isPrivate: boolean): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  const shown = chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 1).join('').trimEnd()}…` : flat;
  return `${fromName}${isPrivate ? ' (privately)' : ''}: ${shown}`;
}

export interface PresenceCue {
  text: string;
  /** `info` is shown and read out; `announce` only read out (big meetings). */
  kind: 'info' | 'announce';
  sound: CueSound | null;
}

/** Someone joined or left a meeting of `people` (counting you), with sounds on or off. */
export function presenceCue(change: 'joined' | 'left', name: string, people: number, soundsOn: boolean): PresenceCue {
  return {
    text: `${name} ${change === 'joined' ? 'joined' : 'left'}`,
    kind: people > NOTICE_MAX_PEOPLE ? 'announce' : 'info',
    sound: soundsOn && people <= SOUND_MAX_PEOPLE ? change : null,
  };
}
