import type { Browser } from '@playwright/test';
import { repeat } from '../browser/lab';
import { sleep } from '../lib/errors';
import type { NetnsPair } from '../lib/netns';
import { JanusServer } from './JanusServer';
import { openJanusPage, publish, subscribe, type JanusJoin } from './janusPages';

export interface JanusSeries {
  samples: JanusJoin[];
  failures: number;
}

/**
 * Janus VideoRoom subscriber join to first frame: one publisher (720p simulcast + audio) is live;
 * each measured join is a fresh context and page (janus.js loaded and initialised beforehand),
 * timed from creating the WebSocket session to the first decoded frame (cold), and again with the
 * session and handle made before the clock starts at the subscribe request (warm: like Parley,
 * whose pre-join screen has its signaling socket open before the Join click).
 */
export async function measureJanusJoins(
  browser: Browser,
  net: NetnsPair,
  janus: { binary: string; janusJs: string; adapterJs: string },
  joins: number,
  log: (line: string) => void,
): Promise<{ cold: JanusSeries; warm: JanusSeries }> {
  const server = await JanusServer.start(net, janus.binary);
  try {
    const publisher = await openJanusPage(browser, janus);
    try {
      const feed = await publish(publisher, server.wsUrl, 'Publisher');
      await sleep(2000);
      const series = async (warm: boolean): Promise<JanusSeries> => {
        const { values, failures } = await repeat(
          joins,
          async (i) => {
            const subscriber = await openJanusPage(browser, janus);
            try {
              await sleep(500);
              const sample = await subscribe(subscriber, server.wsUrl, [feed], warm);
              log(`  Janus ${warm ? 'warm' : 'cold'} join ${i + 1}: ${Math.round(sample.total)} ms`);
              return sample;
            } finally {
              await subscriber.context.close();
            }
          },
          log,
        );
        return { samples: values, failures };
      };
      return { cold: await series(false), warm: await series(true) };
    } finally {
      await publisher.context.close();
    }
  } finally {
    await server.stop();
  }
}
