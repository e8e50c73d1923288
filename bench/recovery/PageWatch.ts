import type { Page } from '@playwright/test';
import { BenchError, BenchErrorCode, sleep } from '../lib/errors';
import type { FrameSample } from './timeline';
import { samplesFrom, startWatch, stopWatch } from './videoProbe';

/**
 * The harness side of one page's video watch (videoProbe.ts): a copy of its samples, fetched
 * incrementally, and bounded waits on conditions over them.
 */
export class PageWatch {
  samples: FrameSample[] = [];

  constructor(
    readonly page: Page,
    readonly name: string,
  ) {}

  /** Clears the samples and (re)starts the 10 ms watch in the page; resolves once one sample is in. */
  async start(): Promise<void> {
    this.samples = [];
    await startWatch(this.page);
    await this.until((samples) => (samples.length > 0 ? true : null), 'the first sample', 5_000);
  }

  stop(): Promise<void> {
    return stopWatch(this.page);
  }

  /** Polls every 50 ms until `read` gives a value, at most `timeoutMs` (then TIMEOUT). */
  async until<T>(read: (samples: readonly FrameSample[]) => T | null, what: string, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.samples.push(...(await samplesFrom(this.page, this.samples.length)));
      const value = read(this.samples);
      if (value !== null) return value;
      if (Date.now() > deadline) throw new BenchError(BenchErrorCode.Timeout, `${this.name}: no ${what} within ${timeoutMs} ms`);
      await sleep(50);
    }
  }
}
