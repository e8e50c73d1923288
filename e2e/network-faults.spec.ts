/**
 * Network faults between one participant and the server, each in its own network namespace
 * joined by veth (see support/faultLab.ts): a blackout, random loss, a bandwidth cap and an
 * address change, injected in the kernel. Alice is on the faulted link; Bob sits beside the
 * server. Every figure comes from getStats() in the browsers.
 */
import { expect, test, type Page } from '@playwright/test';
import { FaultLab } from './support/faultLab';
import type { Participant } from './support/fixtures';
import { longestStall, msUntilFlowing, type Stream } from './support/flowTiming';
import { inbound, measureFlow, outboundLayer } from './support/stats';

// At most one retry of the group; a test that needed it is named in the summary of `npm test`.
// The 5 s recovery goals are printed as figures (and tracked by the bench), while the tests assert
// that media comes back: on two loaded cores shared by three Chromiums the address change lands at
// 3.5-5.1 s (detection ~1.5 s, ICE restart, the publisher's bandwidth estimate restarting).
test.describe.configure({ mode: 'serial', retries: 1 });
test.setTimeout(150_000);

let lab: FaultLab | undefined;

test.afterEach(async () => {
  await lab?.close();
  lab = undefined;
});

/** Alice (faulted link) and Bob (beside the server) in `room`, receiving each other's audio and video. */
async function call(room: string, options: { mediaDelayMs?: number | undefined } = {}): Promise<{ alice: Participant; bob: Participant }> {
  lab = await FaultLab.open(options);
  const alice = await lab.join('faulted', room, 'Alice');
  // The client's own account of its recovery (network signals, resumes), next to the figures.
  alice.page.on('console', (message) => {
    if (/^(network:|signaling:|session resumed|rejoin|ICE restart)/.test(message.text())) console.log(`  [alice ${new Date().toISOString().slice(11, 23)}] ${message.text()}`);
  });
  const bob = await lab.join('steady', room, 'Bob');
  for (const [page, from] of [[alice.page, 'Bob'], [bob.page, 'Alice']] as const) {
    await expect.poll(async () => (await inbound(page, from, 'video')).framesDecoded, { timeout: 30_000, message: `video from ${from}` }).toBeGreaterThan(0);
    await expect.poll(async () => (await inbound(page, from, 'audio')).bytesReceived, { timeout: 15_000, message: `audio from ${from}` }).toBeGreaterThan(0);
  }
  return { alice, bob };
}

/** Every stream of the call, both ways. */
function everyStream(alice: Participant, bob: Participant): Stream[] {
  return [
    { page: alice.page, from: 'Bob', kind: 'video' },
    { page: alice.page, from: 'Bob', kind: 'audio' },
    { page: bob.page, from: 'Alice', kind: 'video' },
    { page: bob.page, from: 'Alice', kind: 'audio' },
  ];
}

/** The peer ids both pages show for Alice (her own tile, and hers at Bob's), and marks Bob's tile element. */
async function aliceIdentity(alice: Page, bob: Page): Promise<{ own: string | null; atBob: string | null }> {
  const own = await alice.locator('[data-testid="tile"][data-local]').getAttribute('data-peer-id');
  const atBob = bob.locator('[data-testid="tile"][data-peer-name="Alice"]');
  return { own, atBob: await atBob.getAttribute('data-peer-id') };
}

/** Records in Bob's page every participant whose tile ever showed "Reconnecting…", and tags Alice's tile element. */
async function watchBob(bob: Page): Promise<void> {
  await bob.evaluate(() => {
    const w = window as unknown as { __reconnectingSeen: string[] };
    w.__reconnectingSeen = [];
    const note = (el: Element): void => {
      const name = (el as HTMLElement).dataset.peerName;
      if (el.hasAttribute('data-reconnecting') && name && !w.__reconnectingSeen.includes(name)) w.__reconnectingSeen.push(name);
    };
    new MutationObserver((records) => records.forEach((r) => note(r.target as Element))).observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-reconnecting'],
    });
    const tile = document.querySelector<HTMLElement>('[data-testid="tile"][data-peer-name="Alice"]');
    if (tile) tile.dataset.sameElement = 'yes';
  });
}

test('a 5 s blackout of one client’s link: it resumes as the same peer and media flows again (goal: within 5 s)', async () => {
  const { alice, bob } = await call('blackout');
  const before = await aliceIdentity(alice.page, bob.page);
  expect(before.own).toBeTruthy();
  expect(before.atBob).toBe(before.own);
  await watchBob(bob.page);

  lab!.setLink('down');
  const downAt = Date.now();
  await expect(alice.page.getByTestId('reconnecting')).toBeVisible({ timeout: 4_500 });
  await new Promise((resolve) => setTimeout(resolve, 5_000 - (Date.now() - downAt)));
  lab!.setLink('up');
  const upAt = Date.now();
  console.log(`  [test  ${new Date(upAt).toISOString().slice(11, 23)}] link up after ${upAt - downAt} ms down`);

  // Comes back (msUntilFlowing throws after 15 s); the 5 s goal is a figure here, tracked by the
  // bench (metric 9), since two loaded cores shared by three Chromiums cannot promise it.
  const { ms, each } = await msUntilFlowing(everyStream(alice, bob), upAt, 15_000);
  console.log(`blackout 5 s: media flowing both ways ${ms} ms after the link came back (${each}); goal 5000 ms${ms > 5_000 ? ' MISSED' : ''}`);
  await expect(alice.page.getByTestId('reconnecting')).toHaveCount(0);

  // Resumed, not rejoined: the same peer id on both sides, and Bob's tile for Alice never went away.
  expect(await aliceIdentity(alice.page, bob.page)).toEqual(before);
  await expect(bob.page.locator('[data-testid="tile"][data-peer-name="Alice"]')).toHaveAttribute('data-same-element', 'yes');
  // Bob was told Alice was reconnecting (the server noticed her socket die), and that she is back.
  expect(await bob.page.evaluate(() => (window as unknown as { __reconnectingSeen: string[] }).__reconnectingSeen)).toEqual(['Alice']);
  await expect(bob.page.locator('[data-testid="tile"][data-peer-name="Alice"]')).not.toHaveAttribute('data-reconnecting');
});

for (const { title, room, mediaDelayMs } of [
  { title: '10% random loss both ways for 20 s', room: 'loss', mediaDelayMs: undefined },
  { title: '10% random loss both ways plus 150 ms of delay each way (a relay) for 20 s', room: 'lossdelay', mediaDelayMs: 150 },
]) test(`${title}: the call goes on and no audio stalls for more than 2 s`, async () => {
  const { alice, bob } = await call(room, { mediaDelayMs });
  const before = await aliceIdentity(alice.page, bob.page);
  if (mediaDelayMs !== undefined) {
    // The media really goes through the relay: ICE measures the round trip through it.
    const rtt = await alice.page.evaluate(async () => {
      let best = 0;
      for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
        for (const stat of (await pc.getStats()).values()) if (stat.type === 'candidate-pair' && stat.nominated) best = Math.max(best, stat.currentRoundTripTime ?? 0);
      }
      return best;
    });
    console.log(`media round trip through the relay: ${Math.round(rtt * 1000)} ms`);
    expect(rtt).toBeGreaterThanOrEqual((2 * mediaDelayMs) / 1000);
  }
  lab!.setLoss(10);
  let stalls: Array<{ longestMs: number; samples: number; longestSampleGapMs: number }>;
  try {
    stalls = await Promise.all([
      longestStall({ page: alice.page, from: 'Bob', kind: 'audio' }, 20_000),
      longestStall({ page: bob.page, from: 'Alice', kind: 'audio' }, 20_000),
    ]);
  } finally {
    lab!.setLoss(null);
  }
  const [atAlice, atBob] = stalls.map((s) => `${s.longestMs} ms (${s.samples} samples, widest ${s.longestSampleGapMs} ms apart)`);
  console.log(`${title}: longest audio stall at Alice ${atAlice}, at Bob ${atBob}`);
  expect(stalls[0]!.longestMs).toBeLessThanOrEqual(2_000);
  expect(stalls[1]!.longestMs).toBeLessThanOrEqual(2_000);
  // The call went on: same peer, video still decoding both ways.
  expect(await aliceIdentity(alice.page, bob.page)).toEqual(before);
  expect((await measureFlow(alice.page, 'Bob', 'video')).frames).toBeGreaterThan(0);
  expect((await measureFlow(bob.page, 'Alice', 'video')).frames).toBeGreaterThan(0);
});

test('a 300 kbit/s cap on one client’s downlink: its video drops to a lower simulcast layer and audio goes on', async () => {
  // Bob's browser sends his top layer only once its uplink estimate has grown past the three
  // layers' sum; on a slow machine that ramp took more than 30 s (the failure names the reason).
  test.setTimeout(150_000);
  const { alice, bob } = await call('cap');
  // Before the cap: Alice pins Bob, so his camera reaches her at the top layer (1280 px, ~1 Mbit/s),
  // which cannot fit under the cap. Unpinned, her tile wanted the middle layer, whose bitrate for
  // the fake camera's plain picture can sit near 300 kbit/s, so whether it had to drop was luck.
  await alice.page.getByRole('button', { name: 'Pin Bob' }).click();
  let seen = '';
  await expect
    .poll(
      async () => {
        const [received, top] = [(await inbound(alice.page, 'Bob', 'video')).frameWidth, await outboundLayer(bob.page, 'r2')];
        seen = `Alice receives ${received} px wide; Bob's top layer is ${top.frameWidth === null ? 'not sent' : `${top.frameWidth} wide`} (limited by ${top.qualityLimitationReason})`;
        return received;
      },
      { timeout: 60_000, message: 'Bob at the top layer once pinned' },
    )
    .toBeGreaterThanOrEqual(1280)
    .catch((error: Error) => {
      throw new Error(`${seen}\n${error.message}`);
    });
  const uncapped = (await inbound(alice.page, 'Bob', 'video')).frameWidth;

  lab!.setDownlinkCap(300);
  const cappedAt = Date.now();
  await expect
    .poll(async () => (await inbound(alice.page, 'Bob', 'video')).frameWidth, { timeout: 30_000, intervals: [250], message: 'Bob’s video at a lower layer under the cap' })
    .toBeLessThan(uncapped);
  const loweredAfterMs = Date.now() - cappedAt;
  const lowered = await inbound(alice.page, 'Bob', 'video');
  const stall = await longestStall({ page: alice.page, from: 'Bob', kind: 'audio' }, 8_000);
  const video = await measureFlow(alice.page, 'Bob', 'video', 2_000);
  console.log(
    `300 kbit/s cap: Bob's video at Alice went from ${uncapped} px wide to ${lowered.frameWidth} px ${loweredAfterMs} ms after the cap; ` +
      `audio's longest stall over 8 s ${stall.longestMs} ms; video still ${video.frames} frames in 2 s`,
  );
  expect(stall.longestMs).toBeLessThanOrEqual(2_000);
  expect(video.frames).toBeGreaterThan(0);
  lab!.setDownlinkCap(null);
});

test('an address change on one client: ICE restarts and media comes back (goal: within 5 s)', async () => {
  const { alice, bob } = await call('roam');
  const before = await aliceIdentity(alice.page, bob.page);
  const moved = lab!.changeAddress();
  const movedAt = Date.now();
  console.log(`  [test  ${new Date(movedAt).toISOString().slice(11, 23)}] address changed`);
  // Comes back within 15 s; the 5 s goal is reported and tracked by the bench (metric 9).
  const { ms, each } = await msUntilFlowing(everyStream(alice, bob), movedAt, 15_000);
  console.log(`address change to ${moved}: media flowing both ways ${ms} ms after the new address was up (${each}); goal 5000 ms${ms > 5_000 ? ' MISSED' : ''}`);
  expect(await aliceIdentity(alice.page, bob.page)).toEqual(before);
});
