import type { Browser } from '@playwright/test';
import { repeat } from '../browser/lab';
import { sleep } from '../lib/errors';
import type { NetnsPair } from '../lib/netns';
import { JanusServer } from './JanusServer';
import { openJanusPage, publish, subscribe, type JanusJoin } from './janusPages';

/**
 * Janus VideoRoom subscriber join to first frame: one publisher (720p simulcast + audio) is live;
 * each measured join is a fresh context and page (janus.js loaded and initialised beforehand),
 * timed from creating the WebSocket session to the first decoded frame.
 */
export async function measureJanusJoins(
  browser: Browser,
  net: NetnsPair,
  janus: { binary: string; janusJs: string; adapterJs: string },
  joins: number,
  log: (line: string) => void,
): Promise<{ samples: JanusJoin[]; failures: number }> {
  const server = await JanusServer.start(net, janus.binary);
  try {
    const publisher = await openJanusPage(browser, janus);
    try {
      const feed = await publish(publisher, server.wsUrl, 'Publisher');
      await sleep(2000);
      const { values, failures } = await repeat(
        joins,
        async (i) => {
          const subscriber = await openJanusPage(browser, janus);
          try {
            await sleep(500);
            const sample = await subscribe(subscriber, server.wsUrl, [feed]);
            log(`  Janus join ${i + 1}: ${Math.round(sample.total)} ms`);
            return sample;
          } finally {
            await subscriber.context.close();
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
