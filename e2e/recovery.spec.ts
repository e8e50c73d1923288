import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { inbound } from './support/stats';

/** Runs of the worker kill; PARLEY_RECOVERY_RUNS=10 for the figures in the docs. */
const RUNS = Number(process.env.PARLEY_RECOVERY_RUNS ?? 2);

/** Resolves with ms until `page` decodes video from `from` on a live connection (polled every 100 ms). */
async function untilDecoding(page: Page, from: string, since: number): Promise<number> {
  for (;;) {
    const sample = await inbound(page, from, 'video');
    if (sample.framesDecoded > 0) return performance.now() - since;
    if (performance.now() - since > 30_000) throw new Error(`no video from ${from} 30 s after the kill`);
    await page.waitForTimeout(100);
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

test('kill -9 of the mediasoup worker mid-call: everyone rejoins as the same peer and media flows again', async ({ join, server }) => {
  test.setTimeout(60_000 + RUNS * 30_000);
  const alice = await join('crash', 'Alice');
  const bob = await join('crash', 'Bob');
  await expect.poll(async () => (await inbound(alice.page, 'Bob', 'video')).framesDecoded).toBeGreaterThan(0);
  await expect.poll(async () => (await inbound(bob.page, 'Alice', 'video')).framesDecoded).toBeGreaterThan(0);
  const peerIds = server.rooms.get('crash' as never)!.snapshot().peers.map((p) => p.peerId).sort();

  const recoveries: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const room = server.rooms.get('crash' as never)!;
    const killedAt = performance.now();
    process.kill(room.slot.worker.pid, 'SIGKILL');
    await expect(alice.page.getByTestId('reconnecting')).toBeVisible();
    const [a, b] = await Promise.all([untilDecoding(alice.page, 'Bob', killedAt), untilDecoding(bob.page, 'Alice', killedAt)]);
    recoveries.push(Math.max(a, b));
    console.log(`worker kill ${run + 1}/${RUNS}: video flowing both ways again after ${Math.round(Math.max(a, b))} ms`);

    const rebuilt = server.rooms.get('crash' as never)!;
    expect(rebuilt).not.toBe(room);
    // Same people, same peer ids (the session token brought them back), nothing left of the old room.
    expect(rebuilt.snapshot().peers.map((p) => p.peerId).sort()).toEqual(peerIds);
    await expect.poll(() => rebuilt.snapshot().peers.map((p) => p.counts.consumers)).toEqual([2, 2]);
    await expect.poll(async () => (await rebuilt.routerDump()).transportIds.length).toBe(4);
    await expect(alice.page.getByTestId('reconnecting')).toHaveCount(0);
    await expect.poll(async () => (await inbound(alice.page, 'Bob', 'audio')).bytesReceived).toBeGreaterThan(0);
  }
  console.log(`worker kill recovery over ${RUNS} run(s): p50 ${Math.round(percentile(recoveries, 50))} ms, p95 ${Math.round(percentile(recoveries, 95))} ms`);
  expect(server.workers.size).toBe(1);
});
