import type { EmptyInput } from '../../src-common/ipc/contract';
import { feedUrlSchema, type SetFeedInput, type UpdateFeed, type UpdaterService, type UpdateStatus } from '../../src-common/ipc/updater';
import type { Logger } from '../log/Logger';
import { readJsonFile, writeJsonFileAtomic } from '../storage/jsonFile';
import type { UpdateController } from './UpdateController';
import { resolveFeed } from './updatePolicy';

export interface UpdaterMainServiceOptions {
  controller: UpdateController;
  /** `updates.json` in the user's data folder: the feed the user chose. */
  settingsFile: string;
  /** The feeds that apply when the user chose none. */
  defaults: { environment: string | undefined; build: string | null };
  /** Checks that a feed answers with a release for this platform before it is saved (feedClient.fetchRelease). */
  probe: (feedUrl: string) => Promise<unknown>;
  logger: Logger;
}

/** The feed the user chose, read leniently: anything unreadable means "none". */
export function readUserFeed(settingsFile: string, logger: Logger): string | null {
  const raw = readJsonFile(settingsFile, logger) as { feedUrl?: unknown } | undefined;
  const parsed = feedUrlSchema.safeParse(raw?.feedUrl);
  return parsed.success ? parsed.data : null;
}

/** The renderer's view of the updater; the policy is in {@link UpdateController}. */
export class UpdaterMainService implements UpdaterService {
  constructor(private readonly options: UpdaterMainServiceOptions) {}

  async getStatus(_input: EmptyInput): Promise<UpdateStatus> {
    return this.options.controller.getStatus();
  }

  async checkNow(_input: EmptyInput): Promise<UpdateStatus> {
    return this.options.controller.checkNow();
  }

  async restartToUpdate(_input: EmptyInput): Promise<void> {
    this.options.controller.restartToUpdate();
  }

  async getFeed(_input: EmptyInput): Promise<UpdateFeed> {
    return this.options.controller.getFeed();
  }

  /** A feed that does not answer with a release is refused (its error code says why) and nothing changes. */
  async setFeed({ url }: SetFeedInput): Promise<UpdateFeed> {
    if (url !== null) await this.options.probe(url);
    writeJsonFileAtomic(this.options.settingsFile, { feedUrl: url });
    const feed = resolveFeed({ user: url, ...this.options.defaults });
    this.options.logger.info(`setFeed() | ${feed.url ?? 'none'} (${feed.source})`);
    this.options.controller.setFeed(feed);
    return feed;
  }
}
