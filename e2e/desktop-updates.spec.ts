import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { createServer } from '../server/src/createServer';
import { tempDir } from '../src-main/testing/tempDir';
import { expect, test } from './support/fixtures';

/**
 * Updates in the desktop app's renderer, its bridge bound to the real updater policy and service
 * (support/updaterHarness.ts; electron-updater itself needs Electron): a LAN host's feed is chosen
 * in the settings, progress shows, the "Restart to update" banner appears, and it cannot restart
 * the app while a meeting is on.
 */

async function joinAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
}

test('an update from a LAN host downloads with visible progress and waits for the meeting to end before it restarts the app', async ({ browser, desktop, server }) => {
  const feed = tempDir('parley-e2e-feed-');
  fs.writeFileSync(path.join(feed.path, 'latest-linux.yml'), `version: 0.2.0\nfiles:\n  - url: Parley-0.2.0-x86_64.AppImage\n    sha512: ${'B'.repeat(86)}==\n    size: 1000\n`);
  const host = await createServer({ host: '127.0.0.1', port: 0, workers: 1, rtcPort: 0, logLevel: 'warn', updateFeed: { dir: feed.path } });
  try {
    const page = await desktop.open(browser, `${server.url}/`, 'Ada');
    const updates = page.getByRole('region', { name: 'Updates' });
    await expect(updates.getByTestId('update-status')).toHaveText('No update feed is set for this installation.');

    // A folder that is not a feed is refused with main's reason, and nothing changes.
    await updates.getByLabel('Update feed').fill(`${host.url}/not-a-feed/`);
    await updates.getByRole('button', { name: 'Save feed' }).click();
    await expect(updates.getByRole('alert')).toBeVisible();
    await expect(updates.getByText('In use: none (none)')).toBeVisible();

    const feedUrl = `${host.url}/updates/`;
    await updates.getByLabel('Update feed').fill(feedUrl);
    await updates.getByRole('button', { name: 'Save feed' }).click();
    await expect(updates.getByText(`In use: ${feedUrl} (your choice)`)).toBeVisible();
    await expect(updates.getByRole('alert')).toHaveCount(0);

    desktop.updater.nextVersion = '0.2.0';
    await expect(updates.getByRole('button', { name: 'Check now' })).toBeEnabled();
    await updates.getByRole('button', { name: 'Check now' }).click();
    await expect(updates.getByTestId('update-status')).toHaveText('Downloading Parley 0.2.0: 0%');
    expect(desktop.updater.checks).toContain(feedUrl);
    desktop.updater.controller.downloadProgress({ percent: 42.7, transferred: 427, total: 1000 });
    await expect(updates.getByTestId('update-status')).toHaveText('Downloading Parley 0.2.0: 42%');
    await expect(updates.getByRole('progressbar', { name: 'Download progress' })).toHaveJSProperty('value', 42.7);

    desktop.updater.controller.downloaded('0.2.0');
    const banner = page.getByRole('complementary', { name: 'Update ready' });
    await expect(banner).toContainText('Parley 0.2.0 is ready.');
    await expect(banner.getByRole('button', { name: 'Restart to update' })).toBeEnabled();

    // In a meeting the banner stays, but the restart waits: main refuses it, and the button says why.
    await page.goto(`${server.url}/r/updates-standup`);
    await joinAs(page, 'Ada');
    await expect(banner.getByRole('button', { name: 'Restart to update' })).toBeDisabled();
    await expect(banner).toContainText('It installs when you quit, or restart after your meeting.');
    expect(desktop.updater.controller.installOnQuit()).toBe(true);
    await expect(desktop.updater.service.restartToUpdate({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(desktop.updater.installs).toBe(0);

    await page.getByRole('button', { name: 'Leave meeting' }).click();
    await expect.poll(() => desktop.meetingStates.at(-1)?.roomId, { message: 'main heard the meeting end' }).toBeNull();
    await expect(banner.getByRole('button', { name: 'Restart to update' })).toBeEnabled();
    await banner.getByRole('button', { name: 'Restart to update' }).click();
    await expect.poll(() => desktop.updater.installs, { message: 'the app was asked to quit and install' }).toBe(1);
  } finally {
    await host.close();
    feed.remove();
  }
});

test('in a plain browser there is no updater, no banner and no Updates section', async ({ browser, server }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await expect(page.getByRole('heading', { name: 'Parley' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Updates' })).toHaveCount(0);
  await context.close();
});
