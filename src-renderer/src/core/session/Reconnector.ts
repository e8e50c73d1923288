import { assertUnreachable } from '../../../../src-common/errors';
import { transition, type AttemptFailure, type RecoveryEffect, type RecoveryEvent, type RecoveryPhase } from './recoveryPolicy';

/** What the reconnection policy asks of the session (RoomSession, or a fake in tests). */
export interface RecoveryActions {
  announceReconnecting(): void;
  /** One resume on a fresh socket; null when it worked. */
  resume(): Promise<AttemptFailure | null>;
  release(): void;
  /** One full join as the same person; null when it worked. */
  rejoin(): Promise<AttemptFailure | null>;
  fail(message: string, closeCode: number | null): void;
}

/**
 * Runs the reconnection policy (recoveryPolicy.ts): feeds it events, waits the delays it asks for
 * (cut short by `wake`) and runs one attempt at a time, whose outcome is the next event.
 */
export class Reconnector {
  private current: RecoveryPhase = { name: 'connecting' };
  private wake: (() => void) | undefined;

  constructor(
    private readonly actions: RecoveryActions,
    private readonly now: () => number = Date.now,
  ) {}

  get phase(): RecoveryPhase {
    return this.current;
  }

  dispatch(event: RecoveryEvent): void {
    const { phase, effects } = transition(this.current, event, this.now());
    this.current = phase;
    for (const effect of effects) this.run(effect);
  }

  private run(effect: RecoveryEffect): void {
    switch (effect.do) {
      case 'announceReconnecting':
        this.actions.announceReconnecting();
        break;
      case 'wake':
        this.wake?.();
        break;
      case 'release':
        this.actions.release();
        break;
      case 'resume':
        void this.attempt(effect.delayMs, () => this.actions.resume());
        break;
      case 'rejoin':
        void this.attempt(effect.delayMs, () => this.actions.rejoin());
        break;
      case 'fail':
        this.actions.fail(effect.message, effect.closeCode);
        break;
      default:
        assertUnreachable(effect);
    }
  }

  private async attempt(delayMs: number, work: () => Promise<AttemptFailure | null>): Promise<void> {
    if (delayMs > 0) await this.pause(delayMs);
    if (this.current.name === 'ended') return;
    let failure: AttemptFailure | null;
    try {
      failure = await work();
    } catch (error) {
      // An attempt that threw instead of saying why is retried like an unreachable server.
      console.error('recovering the session failed', error);
      failure = { kind: 'unreachable' };
    }
    this.dispatch(failure ? { type: 'attemptFailed', failure } : { type: 'joined' });
  }

  /** Waits `ms`, or less if `wake` is called (the network came back, or the session ended). */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
