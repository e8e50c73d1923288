import type { UpdaterClient } from '../../../../src-common/ipc/events';
import type { UpdateFeed, UpdateStatus } from '../../../../src-common/ipc/updater';
import { Store } from '../base/Store';

export interface UpdateView {
  /** Null until main first answers. */
  status: UpdateStatus | null;
  feed: UpdateFeed | null;
  /** A request the user made is running (check, restart, feed change). */
  busy: boolean;
  /** Why the user's last request failed, in main's words; cleared by the next one. */
  problem: string | null;
}

/**
 * The renderer's view of the updater, framework-free. Main owns the policy and pushes every status
 * change (the `updaterStatus` event); this reads the status once when it starts, follows the
 * events, and forwards what the user asks for.
 */
export class UpdateWatcher {
  readonly state = new Store<UpdateView>({ status: null, feed: null, busy: false, problem: null });
  private unsubscribe: (() => void) | undefined;
  /** An event came: an answer to the first getStatus may be older than it. */
  private heardEvent = false;

  constructor(private readonly updater: UpdaterClient) {}

  /** Starts following main; returns the function that stops (a view that goes away calls it). */
  start(): () => void {
    if (!this.unsubscribe) {
      this.heardEvent = false;
      this.unsubscribe = this.updater.onStatus((status) => {
        this.heardEvent = true;
        this.patch({ status });
      });
      this.updater.getStatus({}).then(
        (status) => this.heardEvent || this.patch({ status }),
        (error: unknown) => console.warn('asking the app for the update status failed', error),
      );
      this.updater.getFeed({}).then(
        (feed) => this.patch({ feed }),
        (error: unknown) => console.warn('reading the update feed failed', error),
      );
    }
    return () => this.stop();
  }

  checkNow(): Promise<void> {
    return this.run(async () => this.patch({ status: await this.updater.checkNow({}) }));
  }

  restartToUpdate(): Promise<void> {
    return this.run(() => this.updater.restartToUpdate({}));
  }

  setFeed(url: string | null): Promise<void> {
    return this.run(async () => {
      this.patch({ feed: await this.updater.setFeed({ url }) });
      this.patch({ status: await this.updater.getStatus({}) });
    });
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.patch({ busy: true, problem: null });
    try {
      await action();
    } catch (error) {
      this.patch({ problem: error instanceof Error ? error.message : String(error) });
    } finally {
      this.patch({ busy: false });
    }
  }

  private patch(change: Partial<UpdateView>): void {
    this.state.update((view) => ({ ...view, ...change }));
  }
}
