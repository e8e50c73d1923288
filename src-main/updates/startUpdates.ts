/**
 * The Electron glue of updates, kept thin: electron-updater's generic provider as the
 * {@link UpdateEngine}, the install facts Electron knows, and the app events the policy needs.
 * Everything with a decision in it is in UpdateController / updatePolicy, tested without Electron.
 */
import { app } from 'electron';
import { autoUpdater } from 'electron-updater';
import yaml from 'js-yaml';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/Logger';
import { channelFile, fetchRelease } from './feedClient';
import { UpdateController, type UpdateEngine } from './UpdateController';
import { readUserFeed, UpdaterMainService } from './UpdaterMainService';
import { detectInstall, resolveFeed } from './updatePolicy';

function readFileOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The feed electron-builder baked into app-update.yml (from PARLEY_UPDATE_URL at build time). */
function buildFeed(resourcesPath: string): string | null {
  const text = readFileOrNull(path.join(resourcesPath, 'app-update.yml'));
  if (text === null) return null;
  const parsed = yaml.load(text, { schema: yaml.JSON_SCHEMA }) as { url?: unknown } | null;
  return typeof parsed?.url === 'string' ? parsed.url : null;
}

function electronEngine(logger: Logger): UpdateEngine {
  autoUpdater.logger = { info: (m: unknown) => logger.info(String(m)), warn: (m: unknown) => logger.warn(String(m)), error: (m: unknown) => logger.error(String(m)), debug: (m: unknown) => logger.debug(String(m)) };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowDowngrade = false;
  // A Parley host's feed answers whole files only (no HTTP ranges); electron-updater would fall
  // back to a full download anyway, after a failed attempt.
  autoUpdater.disableDifferentialDownload = true;
  return {
    async check(feedUrl) {
      autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
      const result = await autoUpdater.checkForUpdates();
      if (!result?.isUpdateAvailable) return { available: false };
      // The download runs on; its end and failure arrive as events.
      result.downloadPromise?.catch((error: unknown) => logger.debug(`download ended with an error (reported by its event): ${String(error)}`));
      return { available: true, version: result.updateInfo.version };
    },
    quitAndInstall() {
      autoUpdater.quitAndInstall(false, true);
    },
  };
}

/** Starts the updater: the controller on its schedule and the service the renderer calls. */
export function startUpdates(options: { userData: string; logger: Logger }): { service: UpdaterMainService; controller: UpdateController } {
  const { logger } = options;
  const resourcesPath = process.resourcesPath;
  const install = detectInstall({
    isPackaged: app.isPackaged,
    platform: process.platform,
    packageType: readFileOrNull(path.join(resourcesPath, 'package-type')),
    appImage: process.env.APPIMAGE,
  });
  const settingsFile = path.join(options.userData, 'updates.json');
  const defaults = { environment: process.env.PARLEY_UPDATE_URL, build: buildFeed(resourcesPath) };
  const feed = resolveFeed({ user: readUserFeed(settingsFile, logger), ...defaults });
  const controller = new UpdateController({ engine: electronEngine(logger.child('electron-updater')), install, feed, logger });

  autoUpdater.on('download-progress', (progress) => controller.downloadProgress(progress));
  autoUpdater.on('update-downloaded', (info) => controller.downloaded(info.version));
  autoUpdater.on('error', (error) => controller.failed(error));
  app.on('before-quit', () => {
    autoUpdater.autoInstallOnAppQuit = controller.installOnQuit();
  });
  controller.onStatus((status) => logger.debug(`status | ${status.state}`));
  controller.start();
  logger.info(`startUpdates() | install: ${install}, feed: ${feed.url ?? 'none'} (${feed.source}), ${controller.getStatus().state}`);

  const service = new UpdaterMainService({
    controller,
    settingsFile,
    defaults,
    probe: (url) => fetchRelease(url, channelFile(process.platform)),
    logger,
  });
  return { service, controller };
}
