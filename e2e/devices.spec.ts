import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { inbound, measureFlow, silenceOf } from './support/stats';

/** The label of the microphone track that `page` publishes (from its send transport). */
function publishedMicLabel(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
    for (const pc of pcs) {
      for (const sender of pc.getSenders()) {
        if (sender.track?.kind === 'audio') return sender.track.label;
      }
    }
    return null;
  });
}

async function openDevices(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Devices' }).click();
  await expect(page.getByRole('dialog', { name: 'Devices' })).toBeVisible();
}

test.describe('devices during a meeting', () => {
  // Switching microphones exercises the same path as switching cameras (LocalMedia captures the
  // new device, the Publisher swaps it into the running producer with replaceTrack). Cameras are
  // not switched here: Chromium's second fake camera never reaches an encoder once the first one
  // has run in the page (verified without Parley, with RTCRtpSender.replaceTrack directly).
  test('switching microphone mid-call keeps the others receiving audio, now from the new device', async ({ join }) => {
    const alice = await join('switch', 'Alice');
    const bob = await join('switch', 'Bob');
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'audio')).bytesReceived).toBeGreaterThan(0);
    expect(await publishedMicLabel(alice.page)).toBe('Fake Default Audio Input');

    await openDevices(alice.page);
    await alice.page.getByRole('combobox', { name: 'Microphone' }).selectOption({ label: 'Fake Audio Input 2' });

    await expect.poll(() => publishedMicLabel(alice.page)).toBe('Fake Audio Input 2');
    await expect
      .poll(async () => (await measureFlow(bob.page, 'Alice', 'audio', 1000)).bytes, { message: 'audio bytes after the switch' })
      .toBeGreaterThan(500);
  });

  test('turning the camera off stops the video for the others, and on again brings it back', async ({ join, server }) => {
    const alice = await join('camoff', 'Alice');
    const bob = await join('camoff', 'Bob');
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'video')).framesDecoded).toBeGreaterThan(0);

    await alice.page.getByRole('button', { name: 'Turn camera off' }).click();
    const aliceTile = bob.page.locator('[data-testid="tile"][data-peer-name="Alice"]');
    await expect(aliceTile.locator('video')).toHaveCount(0);
    const room = server.rooms.get('camoff' as never)!;
    const aliceProducers = (): number | undefined => room.snapshot().peers.find((p) => p.displayName === 'Alice')?.counts.producers;
    await expect.poll(aliceProducers).toBe(1);

    await alice.page.getByRole('button', { name: 'Turn camera on' }).click();
    await expect.poll(aliceProducers).toBe(2);
    await expect.poll(async () => (await measureFlow(bob.page, 'Alice', 'video', 1000)).frames).toBeGreaterThan(5);
  });

  test('joining with the microphone muted sends no audio until unmuted', async ({ join, page, server }) => {
    const bob = await join('startmuted', 'Bob');
    await page.context().grantPermissions(['camera', 'microphone']);
    await page.goto(`${server.url}/r/startmuted`);
    // The pre-join meter moves with the fake microphone's beep before muting.
    await expect.poll(async () => Number(await page.getByRole('meter', { name: 'Microphone level' }).getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    await page.getByLabel('Your name').fill('Alice');
    await page.getByLabel('Join with microphone muted').check();
    await page.getByRole('button', { name: 'Join meeting' }).click();

    await expect(bob.page.locator('[data-peer-name="Alice"] [aria-label="microphone muted"]')).toBeVisible();
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'video')).framesDecoded).toBeGreaterThan(0);
    // Her audio element and its receiver exist; the browser makes the stat only at the first packet.
    const muted = await silenceOf(bob.page, 'Alice', 'audio', 2000);
    expect(muted.totalBytes, 'audio bytes from a participant who joined muted').toBe(0);

    await page.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect(bob.page.locator('[data-peer-name="Alice"] [aria-label="microphone muted"]')).toHaveCount(0);
    await expect.poll(async () => (await measureFlow(bob.page, 'Alice', 'audio', 1000)).bytes).toBeGreaterThan(500);
  });

  test('the chosen speaker is applied to the audio of the others', async ({ join }) => {
    const alice = await join('speaker', 'Alice');
    await join('speaker', 'Bob');
    await expect(alice.page.locator('audio[data-peer-name="Bob"]')).toHaveCount(1);
    await openDevices(alice.page);
    const speaker = alice.page.getByRole('combobox', { name: 'Speaker' });
    const chosen = await speaker.locator('option', { hasText: 'Fake Audio Output 2' }).getAttribute('value');
    await speaker.selectOption(chosen!);
    await expect
      .poll(() => alice.page.locator('audio[data-peer-name="Bob"]').evaluate((a) => (a as HTMLAudioElement & { sinkId: string }).sinkId))
      .toBe(chosen);
  });
});
