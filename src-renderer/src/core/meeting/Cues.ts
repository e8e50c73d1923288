import type { PeerId } from '../../../../src-common/ids';
import type { Emitter } from '../base/Emitter';
import { Store } from '../base/Store';
import type { SessionEvents } from '../session/sessionTypes';
import type { ChatEvents, ChatState } from './Chat';
import { chatPreview, presenceCue, tabTitle, type CueSound } from './cueRules';
import type { Notices } from './Notices';

/** A value that changes: the core's stores have this shape. */
interface Observable<T> {
  get(): T;
  subscribe(listener: () => void): () => void;
}

export interface CueSources {
  events: Pick<Emitter<SessionEvents>, 'on'>;
  /** People in the meeting now, counting you. */
  people: () => number;
  chat: { state: Observable<ChatState>; events: Pick<Emitter<ChatEvents>, 'on'> };
  notices: Pick<Notices, 'info' | 'announce'>;
  muted: Observable<boolean>;
  /** The meeting's name as the title shows it. */
  title: Observable<string>;
  /** How many people wait in the lobby (hosts of a hosted meeting); absent otherwise. */
  waiting?: Observable<number>;
  setTitle: (title: string) => void;
  play: (sound: CueSound) => void;
}

/**
 * Follows a meeting and gives its cues: the tab title (unread count, muted), join and leave
 * notices with an optional sound, chat previews while the chat is closed, and a knock sound when
 * someone starts waiting in the lobby. `state.sounds` turns join and leave sounds off (knocks and
 * previews stay: a host must hear a knock).
 */
export class Cues {
  readonly state = new Store<{ sounds: boolean }>({ sounds: true });
  private readonly names = new Map<PeerId, string>();
  private readonly stops: Array<() => void>;
  private lastWaiting: number;
  private closed = false;

  constructor(private readonly sources: CueSources) {
    this.lastWaiting = sources.waiting?.get() ?? 0;
    const retitle = (): void => this.retitle();
    this.stops = [
      sources.events.on('joined', ({ peers }) => {
        for (const { peerId, displayName } of peers) this.names.set(peerId, displayName);
      }),
      sources.events.on('participantJoined', ({ peerId, displayName }) => {
        this.names.set(peerId, displayName);
        this.presence('joined', displayName);
      }),
      sources.events.on('participantLeft', ({ peerId }) => {
        const name = this.names.get(peerId);
        this.names.delete(peerId);
        if (name !== undefined) this.presence('left', name);
      }),
      sources.chat.events.on('message', ({ message, live }) => {
        if (!live || message.own || sources.chat.state.get().open) return;
        sources.notices.info(chatPreview(message.fromName, message.text, message.to !== null));
      }),
      sources.chat.state.subscribe(retitle),
      sources.muted.subscribe(retitle),
      sources.title.subscribe(retitle),
      ...(sources.waiting ? [sources.waiting.subscribe(() => this.knocked())] : []),
    ];
    this.retitle();
  }

  setSounds(on: boolean): void {
    this.state.set({ sounds: on });
  }

  /** Stops following. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
  }

  private presence(change: 'joined' | 'left', name: string): void {
    const cue = presenceCue(change, name, this.sources.people(), this.state.get().sounds);
    this.sources.notices[cue.kind](cue.text);
    if (cue.sound) this.sources.play(cue.sound);
  }

  private knocked(): void {
    const waiting = this.sources.waiting?.get() ?? 0;
    if (waiting > this.lastWaiting) this.sources.play('knock');
    this.lastWaiting = waiting;
  }

  private retitle(): void {
    const { unread } = this.sources.chat.state.get();
    this.sources.setTitle(tabTitle({ meeting: this.sources.title.get(), unread, muted: this.sources.muted.get() }));
  }
}
