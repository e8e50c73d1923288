import type { UpdateFeed } from '../../src-common/ipc/updater';
import { scopedLogger } from '../../src-main/log/Logger';
import { fetchRelease } from '../../src-main/updates/feedClient';
import { UpdateController, type UpdateEngine } from '../../src-main/updates/UpdateController';
import { UpdaterMainService } from '../../src-main/updates/UpdaterMainService';

/**
 * The desktop app's updater without Electron: the real policy (UpdateController) and service
 * (UpdaterMainService, probing feeds with the real feed client), over an engine the spec plays
 * in electron-updater's place: it answers checks with `nextVersion` and records installs.
 */
export class HarnessUpdater implements UpdateEngine {
  /** What the next check finds: a version to download, or nothing new. */
  nextVersion: string | null = null;
  readonly checks: string[] = [];
  installs = 0;
  readonly controller: UpdateController;
  readonly service: UpdaterMainService;

  constructor(settingsFile: string, feed: UpdateFeed = { url: null, source: 'none' }) {
    const logger = scopedLogger(() => {});
    this.controller = new UpdateController({ engine: this, install: 'appimage', feed, logger });
    this.service = new UpdaterMainService({
      controller: this.controller,
      settingsFile,
      defaults: { environment: undefined, build: null },
      probe: (url) => fetchRelease(url, 'latest-linux.yml', { timeoutMs: 10_000 }),
      logger,
    });
  }

  async check(feedUrl: string): Promise<{ available: false } | { available: true; version: string }> {
    this.checks.push(feedUrl);
    return this.nextVersion ? { available: true, version: this.nextVersion } : { available: false };
  }

  quitAndInstall(): void {
    this.installs += 1;
  }
}
