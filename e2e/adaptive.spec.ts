import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { inbound, inboundTotals, measureFlow, outboundBytes, outboundLayer } from './support/stats';

async function pin(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Pin ${name}` }).click();
  await expect(page.locator(`[data-testid="tile"][data-peer-name="${name}"][data-pinned]`)).toBeVisible();
}

/** Bytes sent by the top simulcast encoding (r2) during `ms`. */
async function topLayerBytes(page: Page, ms = 1500): Promise<number> {
  const before = await outboundBytes(page, 'r2');
  await page.waitForTimeout(ms);
  return (await outboundBytes(page, 'r2')) - before;
}

test.describe('adaptive video', () => {
  test('a small tile gets a low layer while a pinned tile of the same person elsewhere gets the top one', async ({ join }) => {
    const alice = await join('layers', 'Alice');
    const bob = await join('layers', 'Bob');
    const carol = await join('layers', 'Carol');
    // Bob puts Carol on stage, so Alice is a filmstrip thumbnail; Carol puts Alice on stage.
    await pin(bob.page, 'Carol');
    await pin(carol.page, 'Alice');

    await expect
      .poll(async () => (await inbound(bob.page, 'Alice', 'video')).frameWidth, { message: 'Alice as a thumbnail on Bob\'s screen' })
      .toBeLessThanOrEqual(320);
    // The top layer is whatever Alice's browser sends as r2 now: 1280 wide, unless her encoder is
    // short of CPU (three browsers start at once on two cores) and scales every layer down, which
    // the SFU cannot undo. The pinned tile must get that layer, and it must be above a thumbnail.
    let seen = '';
    const getsTopLayer = async (): Promise<boolean> => {
      const top = await outboundLayer(alice.page, 'r2');
      const received = (await inbound(carol.page, 'Alice', 'video')).frameWidth;
      const sent = top.frameWidth === null ? 'not sent' : `${top.frameWidth} wide`;
      seen = `Carol receives ${received} px wide; Alice's top layer is ${sent} (limited by ${top.qualityLimitationReason})`;
      return top.frameWidth !== null && received === top.frameWidth && received > 320;
    };
    await expect
      .poll(getsTopLayer, { message: 'Alice on Carol\'s stage gets her top layer', timeout: 30_000 })
      .toBe(true)
      .catch((error: Error) => {
        throw new Error(`${seen}\n${error.message}`);
      });
    console.log(seen);
    // Both are live at those sizes, not frozen on an old frame (a thumbnail runs at a lower rate).
    for (const page of [bob.page, carol.page]) {
      await expect.poll(async () => (await measureFlow(page, 'Alice', 'video', 1000)).frames).toBeGreaterThan(2);
    }
  });

  test('a tile on another grid page receives nothing, and shows frames within a second of being paged to', async ({ join }) => {
    await join('pages', 'Alice');
    // A window so small that one tile fills a page: Bob sees himself on page 1, Alice on page 2.
    const bob = await join('pages', 'Bob', { viewport: { width: 420, height: 330 } });
    await expect(bob.page.getByRole('navigation', { name: 'Pages' })).toBeVisible();
    await expect(bob.page.locator('[data-testid="tile"][data-peer-name="Alice"]')).toHaveCount(0);

    await expect
      .poll(
        async () => {
          const before = await inboundTotals(bob.page, 'video');
          await bob.page.waitForTimeout(1000);
          return (await inboundTotals(bob.page, 'video')).bytesReceived - before.bytesReceived;
        },
        { message: 'video bytes while Alice is on another page' },
      )
      .toBe(0);

    const ms = await bob.page.evaluate(async () => {
      const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
      const decoded = async (): Promise<number> => {
        let frames = 0;
        for (const pc of pcs) for (const s of (await pc.getStats()).values()) if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded ?? 0;
        return frames;
      };
      const start = await decoded();
      const clickedAt = performance.now();
      document.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')!.click();
      while (performance.now() - clickedAt < 10_000) {
        if ((await decoded()) > start) return performance.now() - clickedAt;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return Infinity;
    });
    console.log(`page switch to first new frame: ${Math.round(ms)} ms`);
    await expect(bob.page.locator('[data-testid="tile"][data-peer-name="Alice"] video')).toHaveCount(1);
    expect(ms, 'ms from paging to Alice to her first decoded frame').toBeLessThan(1000);
  });

  test('nobody watching the top layer stops its encoding at the publisher, and a pin brings it back', async ({ join }) => {
    const alice = await join('dynacast', 'Alice');
    // Grid tiles of about 600 px on Carol's screen and smaller on Bob's: the middle layer covers both.
    const bob = await join('dynacast', 'Bob', { viewport: { width: 800, height: 600 } });
    const carol = await join('dynacast', 'Carol');
    await expect.poll(async () => (await inbound(bob.page, 'Alice', 'video')).framesDecoded).toBeGreaterThan(0);

    await expect.poll(() => topLayerBytes(alice.page), { message: 'r2 bytes while nobody needs it', timeout: 20_000 }).toBe(0);

    await pin(carol.page, 'Alice');
    await expect.poll(() => topLayerBytes(alice.page, 1000), { message: 'r2 bytes once Carol pins Alice', timeout: 20_000 }).toBeGreaterThan(10_000);
    void bob;
  });

  test('the dominant-speaker notification follows whoever is unmuted', async ({ join }) => {
    // Alice's microphone is published first; the observer may name her before anyone speaks, so the
    // test follows Bob and then Carol.
    const alice = await join('speaker', 'Alice', { muted: true });
    const bob = await join('speaker', 'Bob', { muted: true });
    const carol = await join('speaker', 'Carol', { muted: true });
    const speakingOn = (page: Page) => page.locator('[data-testid="tile"][data-speaking]');

    await bob.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect(speakingOn(alice.page)).toHaveAttribute('data-peer-name', 'Bob', { timeout: 15_000 });
    await expect(speakingOn(carol.page)).toHaveAttribute('data-peer-name', 'Bob');

    await bob.page.getByRole('button', { name: 'Mute microphone' }).click();
    await carol.page.getByRole('button', { name: 'Unmute microphone' }).click();
    await expect(speakingOn(alice.page)).toHaveAttribute('data-peer-name', 'Carol', { timeout: 15_000 });
    await expect(speakingOn(bob.page)).toHaveAttribute('data-peer-name', 'Carol');
  });
});
