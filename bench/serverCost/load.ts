import type { Browser, BrowserContext, Page } from '@playwright/test';
import { videoReceived } from '../browser/pcs';
import { waitFor } from '../lib/errors';
import type { NetnsPair } from '../lib/netns';
import { JanusServer } from '../janus/JanusServer';
import { openJanusPage, publish, subscribe } from '../janus/janusPages';
import { joinParley } from '../parley/parleyPages';
import { ParleyServerProcess } from '../parley/ParleyServerProcess';

export type Shape = 'oneToTwo' | 'threeWay';
export type ServerKind = 'parley' | 'janus';

/** A running server with its Chromium participants. */
export interface LoadedServer {
  /** Root of the server's process tree (Parley: the Node process, its worker is a child). */
  pid: number;
  /** Pages that receive video (whose received bitrate shows the load was the same). */
  receivers: Page[];
  close(): Promise<void>;
}

/** Waits until every receiving page has decoded video (at most 30 s). */
async function untilReceiving(pages: Page[]): Promise<void> {
  for (const page of pages) await waitFor(async () => (await videoReceived(page)).frames > 0, 'video decoded on every receiver', { timeoutMs: 30_000, intervalMs: 250 });
}

/**
 * The same Chromium load on either server: `oneToTwo` is one publisher (720p simulcast + audio)
 * and two receive-only subscribers; `threeWay` is three participants each publishing and
 * receiving the other two.
 */
export async function startLoad(kind: ServerKind, shape: Shape, browser: Browser, net: NetnsPair, janus: { binary: string; janusJs: string; adapterJs: string } | null): Promise<LoadedServer> {
  const contexts: BrowserContext[] = [];
  const closeAll = async (): Promise<void> => {
    for (const context of contexts) await context.close();
  };
  if (kind === 'parley') {
    const server = await ParleyServerProcess.start(net);
    try {
      const receivers: Page[] = [];
      const publishers = shape === 'oneToTwo' ? 1 : 3;
      for (let i = 0; i < 3; i++) {
        const publishing = i < publishers;
        const participant = await joinParley(browser, server.url, `cost-${shape}`, `P${i + 1}`, publishing);
        contexts.push(participant.context);
        if (shape === 'threeWay' || !publishing) receivers.push(participant.page);
      }
      await untilReceiving(receivers);
      return { pid: server.pid, receivers, close: async () => (await closeAll(), await server.stop()) };
    } catch (error) {
      await closeAll();
      await server.stop();
      throw error;
    }
  }
  if (!janus) throw new Error('Janus is not available');
  const server = await JanusServer.start(net, janus.binary);
  try {
    const pages = [];
    for (let i = 0; i < 3; i++) {
      const participant = await openJanusPage(browser, janus);
      contexts.push(participant.context);
      pages.push(participant);
    }
    const feeds: number[] = [];
    const publishers = shape === 'oneToTwo' ? 1 : 3;
    for (let i = 0; i < publishers; i++) feeds.push(await publish(pages[i]!, server.wsUrl, `P${i + 1}`));
    const receivers: Page[] = [];
    for (let i = 0; i < 3; i++) {
      const others = shape === 'oneToTwo' ? (i === 0 ? [] : [feeds[0]!]) : feeds.filter((_, j) => j !== i);
      if (others.length === 0) continue;
      await subscribe(pages[i]!, server.wsUrl, others);
      receivers.push(pages[i]!.page);
    }
    await untilReceiving(receivers);
    return { pid: server.pid, receivers, close: async () => (await closeAll(), await server.stop()) };
  } catch (error) {
    await closeAll();
    await server.stop();
    throw error;
  }
}
