import type { Page } from '@playwright/test';
import { expect, test, type Participant } from './support/fixtures';
import { measureFlow, plays } from './support/stats';

/**
 * In the meeting, besides talking: chat, private messages, hands, reactions and moderation, in
 * real Chromium pages against the real server. Media effects are checked on getStats().
 * Everyone joins with the camera off: audio is all these tests need.
 */

const audioOnly = { cameraOff: true } as const;

async function openChat(page: Page): Promise<void> {
  await page.getByTestId('chat-button').click();
  await page.getByRole('complementary', { name: 'Chat' }).waitFor();
}

async function send(page: Page, text: string, to?: string): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Chat' });
  if (to) await panel.getByLabel('To').selectOption({ label: `${to} (privately)` });
  else await panel.getByLabel('To').selectOption({ label: 'Everyone' });
  const box = panel.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
  // Sent (the box empties) or refused (the reason shows): either way the answer is in. Checked in
  // the page on every frame, so a burst goes out about as fast as the server answers.
  await page.waitForFunction(() => {
    const panel = document.querySelector('[aria-label="Chat"]');
    return panel?.querySelector('textarea')?.value === '' || panel?.querySelector('[data-testid="chat-error"]') !== null;
  });
}

/**
 * Types and sends "burst N" messages as fast as the server answers, in the page itself (a
 * Playwright round trip per key would let the rate limiter refill), until one is refused or
 * `max` went out; answers how many were tried.
 */
function burst(page: Page, max: number): Promise<number> {
  return page.evaluate(async (max) => {
    const panel = document.querySelector('[aria-label="Chat"]')!;
    const box = panel.querySelector('textarea')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
    const refused = (): boolean => (panel.querySelector('[data-testid="chat-error"]')?.textContent ?? '').includes('too fast');
    for (let i = 0; i < max; i++) {
      // As typing does: React sees an input event with the new value.
      setValue.call(box, `burst ${i}`);
      box.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise(requestAnimationFrame);
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      while (box.value !== '' && !refused()) await new Promise(requestAnimationFrame);
      if (refused()) return i + 1;
    }
    return max;
  }, max);
}

function texts(page: Page): Promise<string[]> {
  return page.getByTestId('chat-text').allInnerTexts();
}

async function openParticipants(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Participants/ }).click();
  await page.getByRole('complementary', { name: 'Participants' }).waitFor();
}

function handOrder(page: Page): Promise<Array<string | null>> {
  return page.getByTestId('raised-hand').evaluateAll((items) => items.map((i) => i.getAttribute('data-peer-name')));
}

/** Joins three people in order, so the first is the host; each sees the other two before going on. */
async function threePeople(join: (room: string, name: string, options?: object) => Promise<Participant>, room: string): Promise<Participant[]> {
  const people: Participant[] = [];
  for (const name of ['Ana', 'Ben', 'Cai']) people.push(await join(room, name, audioOnly));
  for (const { page } of people) await expect(page.getByText('3 people')).toBeVisible();
  return people;
}

test.describe('in the meeting', () => {
  test('chat reaches everyone in the same order, private messages only their target, late joiners the history, and limits are explained', async ({ join }) => {
    const [ana, ben, cai] = await threePeople(join, 'chat-room');
    for (const { page } of [ana!, ben!, cai!]) await openChat(page);

    // Everyone writes at once: every page shows the same order, the server's.
    await Promise.all([ana!, ben!, cai!].map(async ({ page, name }) => {
      for (let i = 1; i <= 3; i++) await send(page, `${name} ${i}`);
    }));
    for (const { page } of [ana!, ben!, cai!]) await expect.poll(async () => (await texts(page)).length, { message: 'all nine messages arrive' }).toBe(9);
    const order = await texts(ana!.page);
    expect(await texts(ben!.page)).toEqual(order);
    expect(await texts(cai!.page)).toEqual(order);
    const seqs = await ana!.page.getByTestId('chat-message').evaluateAll((items) => items.map((i) => Number(i.getAttribute('data-seq'))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    for (const name of ['Ana', 'Ben', 'Cai']) expect(order.filter((t) => t.startsWith(name))).toEqual([`${name} 1`, `${name} 2`, `${name} 3`]);

    // A private message reaches Ben only; a public one sent after it shows Cai would have had it by now.
    await send(ana!.page, 'for Ben only', 'Ben');
    await send(ana!.page, 'for everyone again');
    await expect(ben!.page.getByTestId('chat-message').filter({ hasText: 'for Ben only' })).toHaveAttribute('data-private', 'true');
    await expect(cai!.page.getByText('for everyone again')).toBeVisible();
    expect(await texts(cai!.page)).not.toContain('for Ben only');

    // Unread badge while the panel is closed; markup stays text and links are safe.
    await ben!.page.getByRole('button', { name: 'Close chat' }).click();
    await send(cai!.page, '<b>bold?</b> notes at https://example.org/notes.');
    await expect(ben!.page.getByTestId('unread-badge')).toHaveText('1');
    await expect(ben!.page.getByRole('button', { name: 'Chat, 1 unread' })).toBeVisible();
    // Cues: the tab title counts it and a preview shows while the chat is closed.
    await expect(ben!.page).toHaveTitle('(1) chat-room · Parley');
    await expect(ben!.page.getByTestId('notice').filter({ hasText: 'Cai: <b>bold?</b> notes at https://example.org/notes.' })).toBeVisible();
    await openChat(ben!.page);
    await expect(ben!.page.getByTestId('unread-badge')).toHaveCount(0);
    await expect(ben!.page).toHaveTitle('chat-room · Parley');
    const last = ben!.page.getByTestId('chat-text').last();
    await expect(last).toHaveText('<b>bold?</b> notes at https://example.org/notes.');
    await expect(last.locator('b')).toHaveCount(0);
    const link = last.getByRole('link', { name: 'https://example.org/notes' });
    await expect(link).toHaveAttribute('href', 'https://example.org/notes');
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

    // Too long: refused before sending, with the reason. Too fast: the server refuses and the sender is told.
    await send(cai!.page, 'x'.repeat(2001));
    await expect(cai!.page.getByTestId('chat-error')).toHaveText('Messages are at most 2000 characters (this one has 2001).');
    const refused = cai!.page.getByTestId('chat-error');
    const tries = await burst(cai!.page, 40);
    await expect(refused).toContainText('You are sending messages too fast. Wait a few seconds and try again.');
    const accepted = (await texts(cai!.page)).filter((t) => t.startsWith('burst')).length;
    expect(accepted).toBe(tries - 1);
    await expect.poll(async () => (await texts(ana!.page)).filter((t) => t.startsWith('burst')).length).toBe(accepted);

    // Someone who comes later reads the recent public messages, not Ben's private one.
    await cai!.close();
    await expect(ana!.page.getByTestId('notice').filter({ hasText: 'Cai left' })).toBeVisible();
    const dee = await join('chat-room', 'Dee', audioOnly);
    await expect(ana!.page.getByTestId('notice').filter({ hasText: 'Dee joined' })).toBeVisible();
    await openChat(dee.page);
    await expect(dee.page.getByText('for everyone again')).toBeVisible();
    expect(await texts(dee.page)).toEqual((await texts(ana!.page)).filter((t) => t !== 'for Ben only'));
  });

  test('the host mutes someone: nobody receives their audio any more, they are told and only they can unmute; removing someone ends their media and their page says why', async ({ join }) => {
    const [ana, ben, cai] = await threePeople(join, 'moderated');
    for (const { page } of [ana!, cai!]) {
      await expect.poll(async () => (await measureFlow(page, 'Ben', 'audio')).bytes, { message: `${page === ana!.page ? 'Ana' : 'Cai'} hears Ben` }).toBeGreaterThan(0);
    }

    // A participant has no moderation controls (and the server refuses them anyway: server tests).
    await openParticipants(cai!.page);
    await expect(cai!.page.getByRole('group', { name: /^Moderate / })).toHaveCount(0);

    await openParticipants(ana!.page);
    const benRow = ana!.page.getByTestId('participant').filter({ hasText: 'Ben' });
    await benRow.getByRole('button', { name: 'Mute', exact: true }).click();

    await expect(ben!.page.getByTestId('notice').filter({ hasText: 'Ana muted your microphone. Only you can unmute it.' })).toBeVisible();
    await expect(ben!.page.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
    await expect(ben!.page).toHaveTitle('Muted · moderated · Parley');
    for (const { page } of [ana!, cai!]) {
      await expect.poll(async () => (await measureFlow(page, 'Ben', 'audio')).bytes, { message: 'Ben’s audio stops arriving' }).toBe(0);
    }
    // Ben keeps talking into the muted microphone: after about half a second he is told.
    await expect(ben!.page.getByTestId('muted-hint')).toContainText('You are muted');
    // The host cannot unmute him: there is no such control, only Ben's own.
    await expect(benRow.getByRole('button', { name: /unmute/i })).toHaveCount(0);
    await expect(benRow.getByRole('img', { name: 'microphone off' })).toBeVisible();
    await ben!.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect.poll(async () => (await measureFlow(cai!.page, 'Ben', 'audio')).bytes, { message: 'Ben is heard again once he unmutes' }).toBeGreaterThan(0);

    // Remove Cai: her media ends everywhere and her page says why, and stays there.
    await expect.poll(async () => (await measureFlow(ana!.page, 'Cai', 'audio')).bytes).toBeGreaterThan(0);
    // Remove sits in the row's menu and asks first: Cancel keeps her in.
    const caiRow = ana!.page.getByTestId('participant').filter({ hasText: 'Cai' });
    await expect(caiRow.getByRole('button', { name: 'Remove', exact: true })).toHaveCount(0);
    await caiRow.getByRole('button', { name: 'More actions for Cai' }).click();
    await caiRow.getByRole('menuitem', { name: 'Remove…' }).click();
    const confirm = caiRow.getByRole('alertdialog', { name: 'Remove Cai?' });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toHaveCount(0);
    await expect(ana!.page.getByText('3 people')).toBeVisible();
    await caiRow.getByRole('button', { name: 'More actions for Cai' }).click();
    await caiRow.getByRole('menuitem', { name: 'Remove…' }).click();
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await expect(cai!.page.getByTestId('meeting-ended')).toHaveAttribute('data-end', 'removed');
    await expect(cai!.page.getByRole('alert')).toHaveText('Ana removed you from the meeting.');
    await expect.poll(() => cai!.page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.every((pc) => pc.connectionState === 'closed'))).toBe(true);
    for (const { page } of [ana!, ben!]) {
      await expect(page.getByText('2 people')).toBeVisible();
      expect(await plays(page, 'Cai', 'audio')).toBe(false);
    }
    await cai!.page.waitForTimeout(3000);
    await expect(cai!.page.getByTestId('meeting-ended')).toBeVisible();
    await expect(ana!.page.getByText('2 people')).toBeVisible();

    // Cai reloads and tries again: her browser is recognised (the server's cookie, bound when she
    // joined), she gets a page that says so, and the host is told and offered to lock.
    await cai!.page.reload();
    await cai!.page.getByLabel('Your name').fill('Cai again');
    await cai!.page.getByRole('button', { name: 'Join meeting' }).click();
    await expect(cai!.page.getByTestId('meeting-ended')).toHaveAttribute('data-end', 'removed');
    await expect(cai!.page.getByRole('alert')).toHaveText(/^You were removed from this meeting, so you cannot join it again from this browser/);
    const returned = ana!.page.getByTestId('return-alert');
    await expect(returned).toContainText('Cai, whom you removed, tried to come back and was kept out.');
    await returned.getByRole('button', { name: 'Lock meeting' }).click();
    await expect(returned).toHaveCount(0);
    await expect(ana!.page.getByRole('button', { name: 'Unlock meeting' })).toBeVisible();
    await expect(ana!.page.getByText('2 people')).toBeVisible();
    await ana!.page.getByRole('button', { name: 'Unlock meeting' }).click();
  });

  test('the host sees hands in the order they were raised and lowers them; reactions show over the sender’s tile; both are announced; quality, co-host and mute everyone work; the host ends the meeting for all', async ({ join }) => {
    const [ana, ben, cai] = await threePeople(join, 'hands');
    await openParticipants(ana!.page);

    await cai!.page.getByRole('button', { name: 'Raise hand' }).click();
    await expect.poll(() => handOrder(ana!.page)).toEqual(['Cai']);
    await ben!.page.getByRole('button', { name: 'Raise hand' }).click();
    await expect.poll(() => handOrder(ana!.page)).toEqual(['Cai', 'Ben']);
    await expect(ana!.page.getByTestId('announcements')).toContainText('Ben raised their hand');
    await expect(ben!.page.getByRole('button', { name: 'Lower hand' })).toHaveAttribute('aria-pressed', 'true');
    await expect(ana!.page.locator('[data-testid="tile"][data-peer-name="Cai"]').getByTestId('tile-hand')).toHaveText('✋ 1');

    await ana!.page.getByRole('button', { name: "Lower Cai's hand" }).click();
    await expect.poll(() => handOrder(ana!.page)).toEqual(['Ben']);
    await expect(cai!.page.getByRole('button', { name: 'Raise hand' })).toHaveAttribute('aria-pressed', 'false');
    await cai!.page.getByRole('button', { name: 'Raise hand' }).click();
    await expect.poll(() => handOrder(ana!.page)).toEqual(['Ben', 'Cai']);
    await ana!.page.getByRole('button', { name: 'Lower all' }).click();
    await expect(ana!.page.getByTestId('raised-hand')).toHaveCount(0);

    await ben!.page.getByRole('button', { name: 'Reactions' }).click();
    await ben!.page.getByRole('button', { name: 'React 🎉' }).click();
    for (const { page } of [ana!, cai!]) {
      await expect(page.locator('[data-testid="tile"][data-peer-name="Ben"]').getByTestId('tile-reaction')).toHaveText('🎉');
      await expect(page.getByTestId('announcements')).toContainText('Ben reacted 🎉');
    }
    // Shown briefly, then gone.
    await expect(ana!.page.getByTestId('tile-reaction')).toHaveCount(0, { timeout: 10_000 });

    // Connection quality from getStats: bars for everyone, numbers in the details.
    const benRow = ana!.page.getByTestId('participant').filter({ hasText: 'Ben' });
    await expect(benRow.getByRole('img', { name: 'Connection good' })).toBeVisible();
    await benRow.getByRole('button', { name: 'Connection details for Ben' }).click();
    await expect(benRow.getByTestId('quality-bitrate')).toHaveText(/^[1-9]\d*(\.\d+)? kbit\/s$/);
    await expect(benRow.getByTestId('quality-rtt')).toHaveText(/^\d+ ms$/);
    await expect(benRow.getByTestId('quality-loss')).toHaveText(/^\d+\.\d %$/);

    // A co-host moderates too: Ben, promoted, gets the controls and is told.
    await benRow.getByRole('button', { name: 'More actions for Ben' }).click();
    await benRow.getByRole('menuitem', { name: 'Make co-host' }).click();
    await expect(benRow).toHaveAttribute('data-role', 'cohost');
    await expect(ben!.page.getByTestId('notice').filter({ hasText: 'You are now a co-host.' })).toBeVisible();
    await openParticipants(ben!.page);
    await expect(ben!.page.getByRole('group', { name: 'Moderate Cai' })).toBeVisible();
    // The host cannot be removed or demoted: her row offers neither. A participant's menu does, and Escape closes it.
    const anaGroup = ben!.page.getByRole('group', { name: 'Moderate Ana' });
    await expect(anaGroup.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    const caiGroup = ben!.page.getByRole('group', { name: 'Moderate Cai' });
    await caiGroup.getByRole('button', { name: 'More actions for Cai' }).click();
    await expect(caiGroup.getByRole('menuitem', { name: 'Remove…' })).toBeVisible();
    await ben!.page.keyboard.press('Escape');
    await expect(caiGroup.getByRole('menu')).toHaveCount(0);

    // Mute everyone: the host stops receiving anyone's audio, and each is told.
    await expect.poll(async () => (await measureFlow(ana!.page, 'Cai', 'audio')).bytes).toBeGreaterThan(0);
    await ana!.page.getByRole('button', { name: 'Mute everyone' }).click();
    for (const { page, name } of [ben!, cai!]) {
      await expect(page.getByRole('button', { name: 'Unmute microphone' })).toBeVisible();
      await expect.poll(async () => (await measureFlow(ana!.page, name, 'audio')).bytes, { message: `${name}'s audio stops arriving` }).toBe(0);
    }

    await ana!.page.getByRole('button', { name: 'End for all' }).click();
    await ana!.page.getByRole('button', { name: 'End meeting for all' }).click();
    for (const { page } of [ben!, cai!]) {
      await expect(page.getByTestId('meeting-ended')).toHaveAttribute('data-end', 'ended');
      await expect(page.getByRole('alert')).toHaveText('The meeting has ended: Ana ended the meeting.');
    }
  });
});
