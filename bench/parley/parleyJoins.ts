import type { Browser } from '@playwright/test';
import { repeat } from '../browser/lab';
import { sleep } from '../lib/errors';
import type { NetnsPair } from '../lib/netns';
import { phases, timeline, waitForFirstFrame, type PhaseName } from './joinProbe';
import { clickJoin, joinParley, openParley } from './parleyPages';
import { ParleyServerProcess } from './ParleyServerProcess';

export interface ParleyJoinSample {
  total: number;
  phases: Record<PhaseName, number>;
  /** Each request and milestone, ms after the click (see joinProbe's timeline()). */
  timeline: string;
}

/**
 * Parley's join to first frame: a publisher (camera + microphone) is live in the room; each
 * measured join is a fresh browser context that opens the room link, joins with its own camera
 * off and microphone muted, and is timed from the Join click to the first decoded remote frame.
 */
export async function measureParleyJoins(browser: Browser, net: NetnsPair, joins: number, log: (line: string) => void): Promise<{ samples: ParleyJoinSample[]; failures: number }> {
  const server = await ParleyServerProcess.start(net);
  try {
    const publisher = await joinParley(browser, server.url, 'ttff', 'Publisher', true);
    await sleep(2000); // let the publisher's encoders and the simulcast layers settle
    try {
      const { values, failures } = await repeat(
        joins,
        async (i) => {
          const joiner = await openParley(browser, server.url, 'ttff', `Joiner ${i + 1}`, { publish: false });
          try {
            await sleep(500); // the pre-join screen's microphone capture starts; not part of the join
            await clickJoin(joiner.page);
            const milestones = await waitForFirstFrame(joiner.page);
            const sample = { ...phases(milestones), timeline: timeline(milestones) };
            log(`  Parley join ${i + 1}: ${Math.round(sample.total)} ms: ${sample.timeline}`);
            return sample;
          } finally {
            await joiner.context.close();
          }
        },
        log,
      );
      return { samples: values, failures };
    } finally {
      await publisher.context.close();
    }
  } finally {
    await server.stop();
  }
}
