import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newPage } from '../browser/chromium';
import { recordJoinMilestones } from './joinProbe';

export interface ParleyParticipant {
  context: BrowserContext;
  page: Page;
}

/**
 * Opens the Parley web client for `room` and joins as `name`. A subscriber joins with the camera
 * off and the microphone muted (the pre-join toggles), so it only receives, like the Janus
 * subscriber it is compared with. `init` adds the caller's own init scripts before the page loads.
 */
export async function openParley(
  browser: Browser,
  serverUrl: string,
  room: string,
  name: string,
  options: { publish: boolean; init?: (page: Page) => Promise<void> },
): Promise<ParleyParticipant> {
  const { context, page } = await newPage(browser);
  await page.addInitScript(recordJoinMilestones);
  await options.init?.(page);
  await page.goto(`${serverUrl}/r/${room}`);
  await page.getByLabel('Your name').fill(name);
  if (!options.publish) {
    await page.getByLabel('Join with camera off').check();
    await page.getByLabel('Join with microphone muted').check();
  }
  return { context, page };
}

export async function clickJoin(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Join meeting' }).click();
}

/** Joins and waits for the meeting controls (the session is up; media may still be starting). */
export async function joinParley(browser: Browser, serverUrl: string, room: string, name: string, publish: boolean): Promise<ParleyParticipant> {
  const participant = await openParley(browser, serverUrl, room, name, { publish });
  await clickJoin(participant.page);
  await participant.page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor({ timeout: 20_000 });
  return participant;
}
