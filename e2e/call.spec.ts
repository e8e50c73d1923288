import { expect, test } from './support/fixtures';
import { inbound, joinToFirstFrame, measureFlow, watchAudioArrival } from './support/stats';

/**
 * Waits until `page` decodes video and receives audio from `from`, and proves both are flowing:
 * some one-second window shows new frames decoded and new audio bytes. (Polled rather than one
 * fixed window: three 720p simulcast publishers on two cores stall a decoder now and then.)
 */
async function expectReceiving(page: import('@playwright/test').Page, from: string): Promise<void> {
  await expect.poll(async () => (await inbound(page, from, 'video')).framesDecoded, { message: `video from ${from}` }).toBeGreaterThan(0);
  await expect
    .poll(async () => (await measureFlow(page, from, 'video', 1000)).frames, { message: `frames decoded from ${from} in 1 s` })
    .toBeGreaterThan(5);
  expect((await inbound(page, from, 'video')).frameWidth).toBeGreaterThan(0);
  await expect
    .poll(async () => (await measureFlow(page, from, 'audio', 1000)).bytes, { message: `audio bytes from ${from} in 1 s` })
    .toBeGreaterThan(300);
}

test.describe('a meeting through the Parley SFU', () => {
  test('two participants each receive the other\'s audio and video', async ({ join }) => {
    const alice = await join('pair', 'Alice');
    const bob = await join('pair', 'Bob');
    const firstFrameMs = await joinToFirstFrame(bob.page);
    console.log(`join-to-first-remote-frame: ${Math.round(firstFrameMs)} ms (Bob, from the Join click)`);

    await expectReceiving(alice.page, 'Bob');
    await expectReceiving(bob.page, 'Alice');
  });

  test('a late joiner receives everyone and everyone receives the late joiner', async ({ join }) => {
    const alice = await join('late', 'Alice');
    const bob = await join('late', 'Bob');
    await expect.poll(async () => (await inbound(alice.page, 'Bob', 'video')).framesDecoded).toBeGreaterThan(0);
    const carol = await join('late', 'Carol');

    await expectReceiving(carol.page, 'Alice');
    await expectReceiving(carol.page, 'Bob');
    await expectReceiving(alice.page, 'Carol');
    await expectReceiving(bob.page, 'Carol');
  });

  test('when someone leaves, their tiles and the consumers of their media are gone', async ({ join, server }) => {
    const alice = await join('leave', 'Alice');
    const bob = await join('leave', 'Bob');
    const carol = await join('leave', 'Carol');
    await expectReceiving(alice.page, 'Carol');
    await expectReceiving(bob.page, 'Carol');
    const room = server.rooms.get('leave' as never)!;
    const consumers = (): number[] => room.snapshot().peers.map((p) => p.counts.consumers).sort();
    // Each of three peers consumes the two others' audio and video.
    await expect.poll(consumers).toEqual([4, 4, 4]);

    await carol.close();

    for (const page of [alice.page, bob.page]) {
      await expect(page.locator('[data-testid="tile"][data-peer-name="Carol"]')).toHaveCount(0);
    }
    await expect.poll(() => room.snapshot().peers.map((p) => p.displayName).sort()).toEqual(['Alice', 'Bob']);
    await expect.poll(consumers).toEqual([2, 2]);
    // And the call between the two who stayed goes on.
    await expectReceiving(alice.page, 'Bob');
  });

  test('muting the microphone stops audio bytes reaching the others', async ({ join }) => {
    const alice = await join('mute', 'Alice');
    const bob = await join('mute', 'Bob');
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'audio')).bytesReceived).toBeGreaterThan(0);
    const speaking = await measureFlow(bob.page, 'Alice', 'audio', 2000);
    expect(speaking.bytes).toBeGreaterThan(1000);

    // The in-page arrival watch (used by the fault and fuzz tests to bound audio gaps) sees the mute.
    const arrival = await watchAudioArrival(bob.page);
    await alice.page.getByRole('button', { name: 'Mute microphone' }).click();
    await expect(bob.page.locator('[data-peer-name="Alice"] [aria-label="microphone muted"]')).toBeVisible();
    // Let packets already in flight land, then nothing more may arrive.
    await bob.page.waitForTimeout(500);
    const muted = await measureFlow(bob.page, 'Alice', 'audio', 2000);
    expect(muted.bytes, 'audio bytes while muted').toBe(0);

    await alice.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect.poll(async () => (await measureFlow(bob.page, 'Alice', 'audio', 1000)).bytes).toBeGreaterThan(500);
    const { longestGapMs } = await arrival.stop();
    expect(longestGapMs, 'longest audio gap the watch saw across the mute').toBeGreaterThan(2000);
  });
});
