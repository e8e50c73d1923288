import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';

/**
 * The chat in the desktop app: the renderer in Chromium with its bridge bound to the real main
 * services (history in a temporary SQLite file, the app service over a recording shell).
 */

async function joinAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Join with camera off').check();
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
}

async function send(page: Page, text: string, to = 'Everyone'): Promise<void> {
  const panel = page.getByRole('complementary', { name: 'Chat' });
  await panel.getByLabel('To').selectOption({ label: to });
  const box = panel.getByRole('textbox', { name: 'Message', exact: true });
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
}

test.describe('chat in the desktop app', () => {
  test('messages badge the app icon and notify while the window is in the background, links open in the system browser, and the finished meeting’s transcript is in the history and found by search', async ({ browser, desktop, join, server }) => {
    desktop.windowFocused = true;
    const alice = await desktop.open(browser, `${server.url}/r/sync`, 'Alice');
    await joinAs(alice, 'Alice');
    const bob = await join('sync', 'Bob', { cameraOff: true });
    await expect(alice.getByText('2 people')).toBeVisible();

    // Alice is elsewhere: Bob's messages raise a notification and count on the app icon.
    desktop.windowFocused = false;
    await bob.page.getByTestId('chat-button').click();
    await send(bob.page, 'Agenda at https://example.org/agenda-42 please read');
    await send(bob.page, 'Alice, a word in private', 'Alice (privately)');
    await expect.poll(() => desktop.badgeCounts.at(-1)).toBe(2);
    await expect.poll(() => desktop.notifications).toEqual([
      { title: 'Message from Bob (sync)', body: 'Agenda at https://example.org/agenda-42 please read' },
      { title: 'Private message from Bob (sync)', body: 'Alice, a word in private' },
    ]);
    await expect(alice.getByTestId('unread-badge')).toHaveText('2');

    // Back at the window: reading clears the badge; a link goes to the system browser through main.
    desktop.windowFocused = true;
    await alice.getByTestId('chat-button').click();
    await expect.poll(() => desktop.badgeCounts.at(-1)).toBe(0);
    const pagesBefore = alice.context().pages().length;
    await alice.getByRole('link', { name: 'https://example.org/agenda-42' }).click();
    await expect.poll(() => desktop.openedExternally).toEqual(['https://example.org/agenda-42']);
    expect(alice.context().pages()).toHaveLength(pagesBefore);
    await send(alice, 'Thanks Bob, reading it now');
    await expect(bob.page.getByText('Thanks Bob, reading it now')).toBeVisible();
    // Focused: no notification for Bob's next message.
    await send(bob.page, 'great');
    await expect(alice.getByText('great', { exact: true })).toBeVisible();
    expect(desktop.notifications).toHaveLength(2);

    await alice.getByRole('button', { name: 'Leave meeting' }).click();
    await expect(alice.getByRole('heading', { name: 'You left the meeting' })).toBeVisible();
    await expect.poll(async () => (await desktop.history.list({}))[0]?.endReason).toBe('left');

    // In the database, in the server's order, each message once, the private one marked.
    const [meeting] = await desktop.history.list({});
    const details = await desktop.history.get({ meetingId: meeting!.meetingId });
    expect(details.chat.map((c) => [c.senderName, c.text, c.private, c.recipientName, c.senderPeerId === null])).toEqual([
      ['Bob', 'Agenda at https://example.org/agenda-42 please read', false, null, false],
      ['Bob', 'Alice, a word in private', true, 'Alice', false],
      ['Alice', 'Thanks Bob, reading it now', false, null, true],
      ['Bob', 'great', false, null, false],
    ]);

    // Found by searching for words of the chat, and shown on the meeting's details.
    await alice.goto(`${server.url}/history`);
    const search = alice.getByRole('searchbox', { name: 'Search' });
    await search.fill('agenda-42');
    const item = alice.getByTestId('history-item');
    await expect(item).toHaveCount(1);
    await expect(item).toHaveAttribute('data-room', 'sync');
    await search.fill('no such words in any chat');
    await expect(alice.getByText('No meeting matches.')).toBeVisible();
    await search.fill('reading it NOW');
    await item.click();
    const lines = alice.getByTestId('transcript-line');
    await expect(lines).toHaveCount(4);
    await expect(lines.nth(1)).toContainText('Bob (privately to Alice): Alice, a word in private');
    await expect(lines.nth(2)).toContainText('Alice: Thanks Bob, reading it now');
  });
});
