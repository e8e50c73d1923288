import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { PeerId, RoomId } from '../src-common/ids';
import { expect, test } from './support/fixtures';
import { inbound } from './support/stats';

/**
 * The desktop app's renderer in Chromium with its bridge bound to the real main-process services
 * (history in a temporary SQLite file, device preferences in a temporary JSON file): what a
 * desktop user does, checked on the screen and in the database.
 */

async function joinAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
}

test.describe('the desktop app, with its bridge bound to the real main services', () => {
  test('a meeting joined with someone else is in the History with the right participants and duration, and can be deleted', async ({ browser, desktop, join, server }) => {
    const alice = await desktop.open(browser, `${server.url}/r/retro`, 'Alice');
    const beforeJoin = Date.now();
    await joinAs(alice, 'Alice');
    const afterJoin = Date.now();
    await join('retro', 'Bob');
    await expect.poll(async () => (await inbound(alice, 'Bob', 'video')).framesDecoded, { message: 'Alice sees Bob' }).toBeGreaterThan(0);
    await alice.waitForTimeout(3000);
    const beforeLeave = Date.now();
    await alice.getByRole('button', { name: 'Leave meeting' }).click();
    await expect(alice.getByRole('heading', { name: 'You left the meeting' })).toBeVisible();

    // In the database, through the same service main serves.
    await expect.poll(async () => (await desktop.history.list({}))[0]?.endReason).toBe('left');
    const afterLeave = Date.now();
    const [recorded] = await desktop.history.list({});
    expect(recorded).toMatchObject({ roomId: 'retro', serverUrl: server.url, displayName: 'Alice', participantNames: ['Bob'] });
    // Main stamps the start when the recorder's first call arrives, a moment after the UI shows
    // the meeting: allow that moment, nothing more.
    expect(recorded!.durationMs!).toBeGreaterThanOrEqual(beforeLeave - afterJoin - 1000);
    expect(recorded!.durationMs!).toBeLessThanOrEqual(afterLeave - beforeJoin);

    // On the History screen.
    await alice.goto(`${server.url}/history`);
    const item = alice.getByTestId('history-item');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-room', 'retro');
    await expect(item.getByTestId('participants')).toHaveText('with Bob');
    await expect(item.getByTestId('duration')).toHaveAttribute('data-ms', String(recorded!.durationMs));
    await expect(item.getByTestId('duration')).toHaveText(`${Math.round(recorded!.durationMs! / 1000)} s`);

    // Its details: who was there, from when to when.
    await item.click();
    const presences = alice.getByTestId('presence');
    await expect(presences).toHaveCount(2);
    await expect(presences.nth(0)).toContainText('Alice (you)');
    await expect(presences.nth(1)).toContainText('Bob');
    const details = await desktop.history.get({ meetingId: recorded!.meetingId });
    expect(details.participants.map((p) => [p.displayName, p.isSelf, p.leftAt === details.endedAt])).toEqual([
      ['Alice', true, true],
      ['Bob', false, true],
    ]);

    // Delete it: gone from the screen and from the database.
    await alice.getByRole('button', { name: 'Delete from history' }).click();
    await expect(alice.getByText('No meetings yet.')).toBeVisible();
    expect(await desktop.history.list({})).toEqual([]);
  });

  test('the History is newest first, searchable by room and by participant, and clear all empties it', async ({ browser, desktop, server }) => {
    const record = async (room: string, others: string[]): Promise<void> => {
      const meetingId = await desktop.history.startMeeting({ roomId: room as RoomId, serverUrl: server.url, displayName: 'Ada', selfPeerId: `self-${room}` as PeerId, role: 'guest' });
      for (const name of others) await desktop.history.participantJoined({ meetingId, peerId: `${room}-${name}` as PeerId, displayName: name });
      await desktop.history.endMeeting({ meetingId, reason: 'left' });
    };
    await record('planning', ['Carol']);
    await record('standup', ['Bob', 'Dave']);
    await record('design', ['Bob']);

    const page = await desktop.open(browser, `${server.url}/`);
    await page.getByRole('button', { name: 'History' }).click();
    const rooms = (): Promise<Array<string | null>> => page.getByTestId('history-item').evaluateAll((items) => items.map((i) => i.getAttribute('data-room')));
    await expect.poll(rooms).toEqual(['design', 'standup', 'planning']);

    const search = page.getByRole('searchbox', { name: 'Search' });
    await search.fill('bob');
    await expect.poll(rooms).toEqual(['design', 'standup']);
    await search.fill('PLAN');
    await expect.poll(rooms).toEqual(['planning']);
    await search.fill('nobody');
    await expect(page.getByText('No meeting matches.')).toBeVisible();

    // Rejoin from the details goes to that room's pre-join screen.
    await search.fill('carol');
    await page.getByTestId('history-item').click();
    await page.getByRole('button', { name: 'Rejoin' }).click();
    await expect(page.getByRole('heading', { name: 'Join “planning”' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/r/planning');

    await page.goto(`${server.url}/history`);
    await page.getByRole('button', { name: 'Clear all…' }).click();
    await page.getByRole('button', { name: 'Delete all' }).click();
    await expect(page.getByText('No meetings yet.')).toBeVisible();
    expect(await desktop.history.list({})).toEqual([]);
  });

  test('device choices are kept by main, restored at the next start, and fall back when the device is gone', async ({ browser, desktop, server }) => {
    const first = await desktop.open(browser, `${server.url}/r/devices`);
    const microphone = first.getByRole('combobox', { name: 'Microphone' });
    await expect(microphone.locator('option', { hasText: 'Fake Audio Input 2' })).toHaveCount(1);
    const chosen = await microphone.locator('option', { hasText: 'Fake Audio Input 2' }).getAttribute('value');
    await microphone.selectOption(chosen!);
    await first.getByLabel('Join with camera off').check();
    await expect.poll(async () => (await desktop.devices.getPreferences({})).microphoneId).toBe(chosen);

    // Quit and start again: main re-reads its file, the page asks main (not localStorage).
    await desktop.restartDevices();
    expect(await desktop.devices.getPreferences({})).toMatchObject({ microphoneId: chosen, cameraOff: true });
    const second = await desktop.reopen(first, `${server.url}/r/devices`);
    await expect(second.getByRole('combobox', { name: 'Microphone' })).toHaveValue(chosen!);
    await expect(second.getByLabel('Join with camera off')).toBeChecked();
    expect(await second.evaluate(() => localStorage.getItem('parley.media-preferences'))).toBeNull();

    // Another profile sees other device ids: the remembered microphone is "gone" there, and the
    // app falls back to the default one, which works.
    const elsewhere = await desktop.open(browser, `${server.url}/r/devices`);
    const fallback = elsewhere.getByRole('combobox', { name: 'Microphone' });
    await expect(fallback).toHaveValue('default');
    await expect.poll(async () => Number(await elsewhere.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  });

  test('the tray shows the meeting, its mute and leave commands work, and a join notifies while unfocused', async ({ browser, desktop, join, server }) => {
    const alice = await desktop.open(browser, `${server.url}/r/tray`, 'Alice');
    await joinAs(alice, 'Alice');
    await expect.poll(() => desktop.meetingStates.at(-1)).toEqual({ roomId: 'tray', micMuted: false, micAvailable: true, sharing: false });

    desktop.windowFocused = false;
    await join('tray', 'Bob');
    await expect.poll(() => desktop.notifications).toEqual([{ title: 'tray', body: 'Bob joined the meeting' }]);

    await desktop.command(alice, { type: 'toggle-microphone' });
    await expect(alice.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
    await expect.poll(() => desktop.meetingStates.at(-1)).toEqual({ roomId: 'tray', micMuted: true, micAvailable: true, sharing: false });

    await desktop.command(alice, { type: 'leave-meeting' });
    await expect(alice.getByRole('heading', { name: 'You left the meeting' })).toBeVisible();
    await expect.poll(() => desktop.meetingStates.at(-1)?.roomId).toBeNull();
    await expect.poll(async () => (await desktop.history.list({}))[0]?.endReason).toBe('left');
  });

  test('a plain browser has no desktop bridge, and the UI hides the History instead of breaking', async ({ browser, desktop, page, server }) => {
    await page.goto(`${server.url}/`);
    await expect(page.getByRole('button', { name: 'New meeting' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'History' })).toHaveCount(0);
    expect(await page.evaluate(() => 'parley' in window)).toBe(false);

    const desktopPage = await desktop.open(browser, `${server.url}/`);
    await expect(desktopPage.getByRole('button', { name: 'History' })).toBeVisible();
  });

  test('a damaged history file is moved aside, a fresh history starts, and the History screen says where the old one went', async ({ browser, desktop, server }) => {
    await desktop.restartHistory((file) => fs.writeFileSync(file, 'not a database '.repeat(500)));
    const page = await desktop.open(browser, `${server.url}/history`);
    const notice = page.getByRole('alert');
    await expect(notice).toContainText('could not be read because its file was damaged');
    const movedTo = (await desktop.history.getNotice({}))!.movedTo;
    await expect(notice).toContainText(movedTo);
    expect(fs.readFileSync(movedTo, 'utf8')).toContain('not a database');
    await expect(page.getByText('No meetings yet.')).toBeVisible();
  });

  test('a history from a newer Parley is refused and left untouched, and the app says why instead of showing it', async ({ browser, desktop, server }) => {
    let before = Buffer.alloc(0);
    await desktop.restartHistory((file) => {
      const db = new Database(file);
      db.pragma('user_version = 99');
      db.close();
      before = fs.readFileSync(file);
    });
    expect(desktop.historyProblem).toMatch(/newer version of Parley \(database schema 99/);
    const page = await desktop.open(browser, `${server.url}/`);
    await expect(page.getByRole('status')).toContainText('Meeting history is not available: This meeting history was written by a newer version of Parley');
    await expect(page.getByRole('button', { name: 'History' })).toHaveCount(0);
    const direct = await page.evaluate(() => (window as unknown as { parley: { invoke(c: string, i: unknown): Promise<unknown> } }).parley.invoke('history:list', {}));
    expect(direct).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(fs.readFileSync(desktop.dir.file('history.sqlite')).equals(before)).toBe(true);
  });
});
