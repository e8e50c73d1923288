import { PASSCODE_MIN_LENGTH, type Admission, type AdmissionMode, type Knock, type KnockId } from '../../../../src-common/protocol';
import type { Emitter } from '../base/Emitter';
import { Store } from '../base/Store';
import type { LobbyEvents, SessionEvents } from '../session/sessionTypes';
import type { Requester } from './types';

export interface LobbyState {
  /** The people waiting, oldest first. */
  knocks: readonly Knock[];
  admission: Admission;
  /** The last thing that went wrong, or the server's alarm about passcode guessing; null when all is well. */
  problem: string | null;
}

/** What the lobby needs of a session (RoomSession, or a fake in tests). */
export interface LobbySession {
  readonly lobbyEvents: Emitter<LobbyEvents>;
  readonly events: Pick<Emitter<SessionEvents>, 'on'>;
  request: Requester;
}

/**
 * The host's side of a hosted meeting's lobby: who is waiting, how people get in, and the
 * host's decisions (admit, deny, change the admission). Follows the server's lobby
 * notifications and reads the lobby again at every (re)connection, since knocks that came while
 * the connection was away were not delivered.
 */
export class Lobby {
  readonly state = new Store<LobbyState>({ knocks: [], admission: { mode: 'lobby' }, problem: null });
  private readonly stops: Array<() => void>;

  constructor(private readonly session: LobbySession) {
    this.stops = [
      session.lobbyEvents.on('lobbyChanged', ({ knocks }) => this.patch({ knocks })),
      session.lobbyEvents.on('admissionChanged', ({ admission }) => this.patch({ admission })),
      // The server's alarm: many wrong passcodes from anywhere, so it stopped taking any for a while.
      session.lobbyEvents.on('passcodeGuessing', ({ lockedForMs }) =>
        this.patch({ problem: `Many wrong passcodes were tried: nobody can enter by passcode for ${Math.ceil(lockedForMs / 60_000)} min. Someone may be guessing; consider the lobby.` }),
      ),
      session.events.on('connected', () => this.read()),
    ];
    this.read();
  }

  admit(knockId: KnockId): Promise<void> {
    return this.act(this.session.request('admitKnock', { knockId }));
  }

  deny(knockId: KnockId): Promise<void> {
    return this.act(this.session.request('denyKnock', { knockId }));
  }

  /** Changes how people get in; `passcode` is needed (and checked here first) for the passcode mode. */
  choose(mode: AdmissionMode, passcode = ''): Promise<void> {
    if (mode !== 'passcode') return this.act(this.session.request('setAdmission', { mode }));
    const trimmed = passcode.trim();
    if (trimmed.length < PASSCODE_MIN_LENGTH) {
      this.patch({ problem: `Type a passcode of at least ${PASSCODE_MIN_LENGTH} characters first.` });
      return Promise.resolve();
    }
    return this.act(this.session.request('setAdmission', { mode, passcode: trimmed }));
  }

  /** Stops following the session. Safe to call twice. */
  close(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  private read(): void {
    this.session.request('getLobby', {}).then(
      ({ knocks, admission }) => this.patch({ knocks, admission }),
      (error: unknown) => this.patch({ problem: `The lobby could not be read: ${String(error)}` }),
    );
  }

  /** A decision's outcome comes back as lobby notifications; only a refusal is shown here. */
  private async act(work: Promise<unknown>): Promise<void> {
    this.patch({ problem: null });
    try {
      await work;
    } catch (error) {
      this.patch({ problem: error instanceof Error ? error.message : String(error) });
    }
  }

  private patch(change: Partial<LobbyState>): void {
    this.state.update((s) => ({ ...s, ...change }));
  }
}
