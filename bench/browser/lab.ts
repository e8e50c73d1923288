import type { Browser } from '@playwright/test';
import { NetnsPair } from '../lib/netns';
import { PARLEY_PORT } from '../parley/ParleyServerProcess';
import type { BenchContext } from '../types';
import { launchChromium } from './chromium';

/**
 * The browser side of metrics 4 and 5: the namespace pair and one Chromium in the client
 * namespace, both torn down afterwards whatever happens.
 */
export async function withBrowserLab<T>(ctx: BenchContext, work: (browser: Browser, net: NetnsPair) => Promise<T>): Promise<T> {
  const net = NetnsPair.create();
  try {
    const browser = await launchChromium(ctx.tools.chromium, net, [`http://${net.serverIp}:${PARLEY_PORT}`]);
    try {
      return await work(browser, net);
    } finally {
      await browser.close();
    }
  } finally {
    net.delete();
  }
}

/** Runs `attempt` until `wanted` successes or `wanted + 3` tries; failures are logged and counted. */
export async function repeat<T>(wanted: number, attempt: (i: number) => Promise<T>, log: (line: string) => void): Promise<{ values: T[]; failures: number }> {
  const values: T[] = [];
  let failures = 0;
  for (let i = 0; values.length < wanted && i < wanted + 3; i++) {
    try {
      values.push(await attempt(i));
    } catch (error) {
      failures++;
      log(`  attempt ${i + 1} failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  return { values, failures };
}
