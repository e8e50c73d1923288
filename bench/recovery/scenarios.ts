import type { Page } from '@playwright/test';
import { BenchError, BenchErrorCode, waitFor } from '../lib/errors';
import type { NetnsPair } from '../lib/netns';
import type { PageWatch } from './PageWatch';
import type { RecoveryServer } from './RecoveryServer';
import { firstGrowthAfter, flatFor, flowing, videoAgainAfter } from './timeline';
import { clockOffset, consumes, type ConsumeRecord } from './videoProbe';

/**
 * The call every scenario works on: Alice in the client namespace (the one whose address moves),
 * Bob beside the server, each publishing a camera and watching the other's.
 */
export interface Call {
  net: NetnsPair;
  server: RecoveryServer;
  alice: PageWatch;
  bob: PageWatch;
}

/** A gap without new frames at least this long, begun at the event, is the interruption it caused. */
const STALL_MS = 300;
/** How long the video must have flowed before a try starts, and how many frames in that time. */
const FLOWING = { ms: 1000, frames: 10 };
const RECOVERY_TIMEOUT_MS = 30_000;

/** One try's figures, ms; `total` is what the p50/p95 are over. */
export interface TryResult {
  total: number;
  [part: string]: number;
}

export interface Scenario {
  readonly id: 'consume' | 'shown' | 'pathChange' | 'workerKill';
  /** What is timed, for the table. */
  readonly label: string;
  run(call: Call): Promise<TryResult>;
}

async function untilFlowing(watch: PageWatch, what: string): Promise<void> {
  await watch.until((s) => (flowing(s, FLOWING.ms, FLOWING.frames) ? true : null), `steady ${what} (${FLOWING.frames} frames in ${FLOWING.ms} ms)`, RECOVERY_TIMEOUT_MS);
}

/** Both pages watched and receiving each other's video before a try. */
async function bothFlowing(call: Call): Promise<void> {
  await Promise.all([call.alice.start(), call.bob.start()]);
  await Promise.all([untilFlowing(call.alice, 'video from Bob'), untilFlowing(call.bob, 'video from Alice')]);
}

async function stopWatches(call: Call): Promise<void> {
  await Promise.all([call.alice.stop(), call.bob.stop()]);
}

/** The camera toggle of the meeting controls; turns it to `on` if it is not already. */
async function setCamera(page: Page, on: boolean): Promise<void> {
  const button = page.getByRole('button', { name: on ? 'Turn camera on' : 'Turn camera off' });
  if (await button.isVisible()) await button.click();
  await page.getByRole('button', { name: on ? 'Turn camera off' : 'Turn camera on' }).waitFor({ timeout: 10_000 });
}

/** Interruption (`again`: a stall then new frames) on both pages after `at` (harness clock). */
async function bothAgainAfter(call: Call, at: number): Promise<{ alice: number; bob: number }> {
  const [aliceOffset, bobOffset] = await Promise.all([clockOffset(call.alice.page), clockOffset(call.bob.page)]);
  const again = (watch: PageWatch, offset: number, what: string): Promise<number> =>
    watch.until((s) => videoAgainAfter(s, at + offset, STALL_MS), `${what} after an interruption`, RECOVERY_TIMEOUT_MS);
  const [alice, bob] = await Promise.all([again(call.alice, aliceOffset, 'video from Bob'), again(call.bob, bobOffset, 'video from Alice')]);
  return { alice, bob };
}

/** The first of the page's video consumes after the first `known` that has decoded a frame. */
async function decodedConsume(page: Page, known: number, what: string): Promise<ConsumeRecord> {
  let record: ConsumeRecord | undefined;
  await waitFor(async () => !!(record = (await consumes(page)).slice(known).find((c) => c.firstDecodedAt > 0)), what, { timeoutMs: RECOVERY_TIMEOUT_MS, intervalMs: 50 });
  return record!;
}

/**
 * A viewer already in the room, a publisher turning the camera on: from the viewer's `consume`
 * request to its first decoded frame of that video (the viewer's page clock throughout).
 */
const consume: Scenario = {
  id: 'consume',
  label: "viewer's consume -> first decoded frame (publisher turns the camera on)",
  async run(call) {
    const { alice, bob } = call;
    try {
      await setCamera(bob.page, true);
      await bothFlowing(call);
      await setCamera(bob.page, false);
      await alice.until((s) => (flatFor(s, 500) ? true : null), "pause in Bob's video after his camera went off", 10_000);
      const known = (await consumes(alice.page)).length;
      const clickedAt = Date.now() + (await clockOffset(alice.page));
      await setCamera(bob.page, true);
      const record = await decodedConsume(alice.page, known, "a decoded frame of Bob's camera, turned on again");
      const shown = record.visibleSentAt || record.answeredAt;
      return {
        total: record.firstDecodedAt - record.sentAt,
        cameraOnToConsume: record.sentAt - clickedAt,
        consumeAnswered: record.answeredAt - record.sentAt,
        tileShown: shown - record.answeredAt,
        firstFrame: record.firstDecodedAt - shown,
      };
    } finally {
      await stopWatches(call);
    }
  },
};

/** Hides (display: none, so it measures 0x0 and reports itself hidden) or shows Bob's tile at Alice; resolves with the page's time. */
function setBobTileShown(page: Page, shown: boolean): Promise<number> {
  return page.evaluate((shown) => {
    const tile = [...document.querySelectorAll<HTMLElement>('[data-testid="tile"]')].find((t) => t.dataset.peerName === 'Bob');
    if (!tile) throw new Error("no tile for Bob at Alice's");
    tile.style.display = shown ? '' : 'none';
    return performance.timeOrigin + performance.now();
  }, shown);
}

/**
 * The dynacast restart path: the viewer's tile of a publisher hidden until the video stopped
 * (the server pauses the consumer; with no one else watching, the publisher stops encoding),
 * then shown again: from showing it to the next decoded frame.
 */
const shown: Scenario = {
  id: 'shown',
  label: "hidden tile shown again -> first decoded frame (dynacast restart)",
  async run(call) {
    const { alice } = call;
    try {
      await bothFlowing(call);
      await setBobTileShown(alice.page, false);
      await alice.until((s) => (flatFor(s, 1000) ? true : null), "stop of Bob's video after his tile was hidden", 10_000);
      const shownAt = await setBobTileShown(alice.page, true);
      const total = await alice.until((s) => firstGrowthAfter(s, shownAt), 'decoded frame after the tile was shown again', RECOVERY_TIMEOUT_MS);
      const bobConsumer = (await consumes(alice.page)).filter((c) => c.visibleSentAt >= shownAt).at(-1);
      return { total, ...(bobConsumer ? { viewSent: bobConsumer.visibleSentAt - shownAt } : {}) };
    } finally {
      await setBobTileShown(alice.page, true).catch(() => undefined);
      await stopWatches(call);
    }
  },
};

/**
 * Both videos flowing, then `act` (which returns whatever it wants to check afterwards), then
 * the time until each page decodes video again after the interruption: ms, both ways.
 */
async function interrupt<T>(call: Call, act: () => T | Promise<T>): Promise<{ alice: number; bob: number; acted: T }> {
  try {
    await bothFlowing(call);
    const at = Date.now();
    const acted = await act();
    return { ...(await bothAgainAfter(call, at)), acted };
  } finally {
    await stopWatches(call);
  }
}

/**
 * A roam: Alice's address moves (the old one is deleted, a new one added on the same link). Bob
 * receives from a publisher whose path changed, Alice is a viewer whose path changed.
 */
const pathChange: Scenario = {
  id: 'pathChange',
  label: 'address change of one participant -> video decoded again',
  async run(call) {
    const { alice, bob } = await interrupt(call, () => call.net.moveClient());
    return { total: Math.max(alice, bob), publisherMoved: bob, viewerMoved: alice };
  },
};

/** kill -9 of the room's mediasoup worker: the server replaces it, both clients rejoin. */
const workerKill: Scenario = {
  id: 'workerKill',
  label: 'kill -9 of the mediasoup worker -> video decoded again both ways',
  async run(call) {
    const { alice, bob, acted: pid } = await interrupt(call, async () => {
      const pid = await call.server.workerPid();
      process.kill(pid, 'SIGKILL');
      return pid;
    });
    if ((await call.server.workerPid()) === pid) throw new BenchError(BenchErrorCode.BadMeasurement, `the worker ${pid} is still the server's after the kill`);
    return { total: Math.max(alice, bob), aliceFromBob: alice, bobFromAlice: bob };
  },
};

/** In run order: the ones that tear the call down last. */
export const scenarios: readonly Scenario[] = [consume, shown, pathChange, workerKill];
