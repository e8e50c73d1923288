import type { UpdateFeed, UpdaterService, UpdateStatus } from '../../../../src-common/ipc/updater';
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

export interface UpdateWatcherOptions {
  /** How often to ask main while something moves (checking, downloading, ready), and otherwise. */
  activeMs?: number;
  idleMs?: number;
}

/**
 * The renderer's view of the updater, framework-free. Main owns the policy; this asks it for the
 * status (often while a download runs, rarely otherwise, so the one bridge needs no push channel
 * of its own) and forwards what the user asks for.
 */
export class UpdateWatcher {
  readonly state = new Store<UpdateView>({ status: null, feed: null, busy: false, problem: null });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private readonly activeMs: number;
  private readonly idleMs: number;

  constructor(
    private readonly updater: UpdaterService,
    options: UpdateWatcherOptions = {},
  ) {
    this.activeMs = options.activeMs ?? 1_000;
    this.idleMs = options.idleMs ?? 15_000;
  }

  /** Starts asking main; returns the function that stops (a view that goes away calls it). */
  start(): () => void {
    if (!this.running) {
      this.running = true;
      void this.poll();
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
    this.running = false;
    clearTimeout(this.timer);
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.patch({ busy: true, problem: null });
    try {
      await action();
    } catch (error) {
      this.patch({ problem: error instanceof Error ? error.message : String(error) });
    } finally {
      this.patch({ busy: false });
      // What the user asked for may have started something (a download): follow it closely.
      this.schedule(this.pollDelay());
    }
  }

  private async poll(): Promise<void> {
    try {
      this.patch({ status: await this.updater.getStatus({}) });
    } catch (error) {
      console.warn('asking the app for the update status failed', error);
    }
    this.schedule(this.pollDelay());
  }

  private pollDelay(): number {
    // 'ready' too: whether a restart is allowed now changes as meetings start and end.
    const state = this.state.get().status?.state;
    return state === 'checking' || state === 'downloading' || state === 'ready' ? this.activeMs : this.idleMs;
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    if (this.running) this.timer = setTimeout(() => void this.poll(), ms);
  }

  private patch(change: Partial<UpdateView>): void {
    this.state.update((view) => ({ ...view, ...change }));
  }
}
