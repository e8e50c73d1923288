import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { inbound, type InboundSample } from './support/stats';

/**
 * Screen sharing in the desktop app's renderer, with its bridge bound to the real main services:
 * the app's own picker lists what main's DevicesMainService gets from a fake desktopCapturer,
 * the pick goes to main, main's real display-media handler answers getDisplayMedia() with it, and
 * the viewer's getStats() proves the share arrives. Chromium captures its fake 1280x720 screen.
 */

async function joinAs(page: Page, name: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
}

const picker = (page: Page) => page.getByRole('dialog', { name: 'Share your screen' });
const sharingBar = (page: Page) => page.getByRole('status', { name: 'You are sharing your screen' });

/** Frames decoded by `page` from `from`'s share, sampled twice, a second apart. */
async function twoSamples(read: () => Promise<InboundSample>, page: Page): Promise<[InboundSample, InboundSample]> {
  const before = await read();
  await page.waitForTimeout(1000);
  return [before, await read()];
}

test.describe('screen sharing in the desktop app', () => {
  test('the picker lists screens and windows with live thumbnails and icons; the picked window is what main hands to getDisplayMedia, once, and the viewer receives it', async ({ browser, desktop, join, server }) => {
    const alice = await desktop.open(browser, `${server.url}/r/picker`, 'Alice');
    await joinAs(alice, 'Alice');
    const bob = await join('picker', 'Bob');

    await alice.getByRole('button', { name: 'Share screen' }).click();
    const dialog = picker(alice);
    await expect(dialog).toBeVisible();
    const screensTab = dialog.getByRole('tab', { name: 'Screens' });
    await expect(screensTab).toHaveAttribute('aria-selected', 'true');
    await expect(screensTab).toBeFocused();
    await expect(dialog.getByRole('button', { name: 'Entire screen' })).toHaveAttribute('aria-pressed', 'true');

    // Keyboard: the arrow key moves to the Windows tab.
    await alice.keyboard.press('ArrowRight');
    await expect(dialog.getByRole('tab', { name: 'Windows' })).toHaveAttribute('aria-selected', 'true');
    const notes = dialog.getByRole('button', { name: 'Notes — Editor' });
    await expect(notes).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Terminal' })).toBeVisible();
    // Each window shows its thumbnail and its app's icon, both real images.
    await expect(notes.locator('img.picker-thumbnail')).toHaveJSProperty('complete', true);
    await expect.poll(() => notes.locator('img.picker-thumbnail').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect.poll(() => notes.locator('img.picker-icon').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);

    // Live: main is asked again while the picker is open, and the thumbnail changes.
    const firstThumbnail = await notes.locator('img.picker-thumbnail').getAttribute('src');
    const listings = desktop.capturer.thumbnailListings;
    await expect.poll(() => desktop.capturer.thumbnailListings, { message: 'the picker refreshes its thumbnails' }).toBeGreaterThanOrEqual(listings + 2);
    await expect.poll(() => notes.locator('img.picker-thumbnail').getAttribute('src')).not.toBe(firstThumbnail);

    await notes.click();
    await expect(notes).toHaveAttribute('aria-pressed', 'true');
    await dialog.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(sharingBar(alice)).toBeVisible();
    expect(desktop.displayMediaAnswers).toEqual([{ video: { id: 'window:7:0', name: 'Notes — Editor' } }]);
    // The pick was used once: nothing is left for a later capture.
    expect(desktop.devices.takeChosenScreenSource()).toBeNull();

    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'screen')).frameWidth, { message: 'width of Alice’s share at Bob' }).toBeGreaterThanOrEqual(1280);
    const [before, after] = await twoSamples(() => inbound(bob.page, 'Alice', 'screen'), bob.page);
    expect(after.framesDecoded).toBeGreaterThan(before.framesDecoded);
    expect(after.frameHeight).toBeGreaterThanOrEqual(720);
  });

  test('a cancelled picker shares nothing and shows no error; a capture nobody picked for is refused as a cancel', async ({ browser, desktop, join, server }) => {
    const alice = await desktop.open(browser, `${server.url}/r/cancel`, 'Alice');
    await joinAs(alice, 'Alice');
    const bob = await join('cancel', 'Bob');
    const share = alice.getByRole('button', { name: 'Share screen' });

    await share.click();
    await expect(picker(alice)).toBeVisible();
    await alice.keyboard.press('Escape');
    await expect(picker(alice)).toHaveCount(0);
    await expect(share).toBeFocused();

    await share.click();
    await picker(alice).getByRole('button', { name: 'Cancel' }).click();
    await expect(picker(alice)).toHaveCount(0);

    await expect(share).toHaveAttribute('aria-pressed', 'false');
    await expect(sharingBar(alice)).toHaveCount(0);
    await expect(alice.getByRole('alert')).toHaveCount(0);
    expect(desktop.displayMediaAnswers).toEqual([]);
    // Without a pick, main's handler answers nothing, and the page gets a plain NotAllowedError.
    const refused = await alice.evaluate(() => navigator.mediaDevices.getDisplayMedia({ video: true }).then(() => 'captured', (e: Error) => e.name));
    expect(refused).toBe('NotAllowedError');
    expect(desktop.displayMediaAnswers).toEqual([{}]);
    await expect(bob.page.locator('[data-testid="share"]')).toHaveCount(0);
  });

  test('Stop sharing in the tray ends the share, and the viewer’s share tile goes away', async ({ browser, desktop, join, server }) => {
    const alice = await desktop.open(browser, `${server.url}/r/traystop`, 'Alice');
    await joinAs(alice, 'Alice');
    const bob = await join('traystop', 'Bob');
    await alice.getByRole('button', { name: 'Share screen' }).click();
    await picker(alice).getByRole('button', { name: 'Share', exact: true }).click();
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'screen')).framesDecoded).toBeGreaterThan(0);
    await expect.poll(() => desktop.meetingStates.at(-1)).toMatchObject({ roomId: 'traystop', sharing: true });

    await desktop.command(alice, { type: 'stop-sharing' });
    await expect(bob.page.locator('[data-testid="share"]')).toHaveCount(0);
    await expect(sharingBar(alice)).toHaveCount(0);
    await expect.poll(() => desktop.meetingStates.at(-1)).toMatchObject({ roomId: 'traystop', sharing: false });
  });

  test('a viewer puts a share full screen, pops it out to its own window where it plays and goes full screen too, and brings it back by closing it', async ({ browser, desktop, join, server }) => {
    const alice = await join('popout', 'Alice');
    const bob = await desktop.open(browser, `${server.url}/r/popout`, 'Bob');
    await joinAs(bob, 'Bob');
    await alice.page.getByRole('button', { name: 'Share screen' }).click();
    await expect(sharingBar(alice.page)).toBeVisible();
    await expect.poll(async () => (await inbound(bob, 'Alice', 'screen')).framesDecoded).toBeGreaterThan(0);

    await bob.getByRole('button', { name: "Show Alice's screen full screen" }).click();
    await expect.poll(() => bob.evaluate(() => (document.fullscreenElement as HTMLElement | null)?.dataset.peerName)).toBe('Alice');
    await bob.evaluate(() => document.exitFullscreen());
    await expect.poll(() => bob.evaluate(() => document.fullscreenElement)).toBeNull();

    const [popup] = await Promise.all([bob.waitForEvent('popup'), bob.getByRole('button', { name: "Open Alice's screen in its own window" }).click()]);
    await expect(bob.getByTestId('share-popped')).toBeVisible();
    await expect(popup.locator('[data-testid="share"] video')).toHaveCount(1);
    expect(new URL(popup.url()).pathname).toBe('/share-window');
    // The pop-out plays the opener's track: its stats are read from the opener's connections.
    // Waits up to 10 s for the track and its stat; a missing one is an error, not a zero.
    const inPopup = async (): Promise<InboundSample> => {
      const found = await popup.evaluate(async () => {
        const deadline = performance.now() + 10_000;
        for (;;) {
          const track = ((document.querySelector('[data-testid="share"] video') as HTMLVideoElement | null)?.srcObject as MediaStream | null)?.getVideoTracks()[0];
          for (const pc of (window.opener as { __pcs: RTCPeerConnection[] }).__pcs) {
            for (const stat of (await pc.getStats()).values()) {
              if (track && stat.type === 'inbound-rtp' && stat.trackIdentifier === track.id) return { framesDecoded: stat.framesDecoded ?? 0, frameWidth: stat.frameWidth ?? 0 };
            }
          }
          if (performance.now() >= deadline) return track ? `no inbound-rtp stat for the pop-out's track ${track.id}` : 'the pop-out plays no video track';
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      });
      if (typeof found === 'string') throw new Error(found);
      return found as InboundSample;
    };
    await expect.poll(async () => (await inPopup()).frameWidth).toBeGreaterThanOrEqual(1280);
    const [before, after] = await twoSamples(inPopup, popup);
    expect(after.framesDecoded).toBeGreaterThan(before.framesDecoded);
    await expect.poll(() => popup.evaluate(() => document.querySelector('video')?.videoWidth ?? 0)).toBeGreaterThanOrEqual(1280);

    await popup.getByRole('button', { name: "Show Alice's screen full screen" }).click();
    await expect.poll(() => popup.evaluate(() => (document.fullscreenElement as HTMLElement | null)?.dataset.peerName)).toBe('Alice');

    await popup.close();
    await expect(bob.getByTestId('share-popped')).toHaveCount(0);
    await expect(bob.locator('[data-testid="share"] video')).toHaveCount(1);
    await expect.poll(async () => (await inbound(bob, 'Alice', 'screen')).framesDecoded).toBeGreaterThan(after.framesDecoded);
  });

  test('where the system shows its own picker, the app shows none and getDisplayMedia goes straight to it', async ({ browser, desktop, join, server }) => {
    desktop.pickerMode = 'portal';
    const alice = await desktop.open(browser, `${server.url}/r/portal`, 'Alice');
    await joinAs(alice, 'Alice');
    const bob = await join('portal', 'Bob');
    desktop.capturer.sources = [{ id: 'window:42:0', name: 'Slides' }];
    await alice.getByRole('button', { name: 'Share screen' }).click();
    await expect(sharingBar(alice)).toBeVisible();
    await expect(picker(alice)).toHaveCount(0);
    expect(desktop.capturer.thumbnailListings).toBe(0);
    expect(desktop.displayMediaAnswers).toEqual([{ video: { id: 'window:42:0', name: 'Slides' } }]);
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'screen')).framesDecoded).toBeGreaterThan(0);
  });
});
