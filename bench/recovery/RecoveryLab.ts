import type { Browser, Page } from '@playwright/test';
import { launchChromium } from '../browser/chromium';
import { recordPeerConnections } from '../browser/pcs';
import { NetnsPair } from '../lib/netns';
import { clickJoin, openParley, type ParleyParticipant } from '../parley/parleyPages';
import type { BenchContext } from '../types';
import { PageWatch } from './PageWatch';
import { RecoveryServer } from './RecoveryServer';
import type { Call } from './scenarios';
import { recordVideo } from './videoProbe';

const ROOM = 'bench-recovery';

/**
 * The recovery metric's call, built once and reused by every try: the namespace pair, the
 * Parley server (bench/recovery/serverMain.ts) in the server namespace, Alice's Chromium in the
 * client namespace and Bob's beside the server, both in one room with their cameras on.
 */
export class RecoveryLab {
  private readonly browsers: Browser[] = [];
  private readonly participants: ParleyParticipant[] = [];
  private server: RecoveryServer | undefined;
  private constructor(readonly net: NetnsPair) {}

  static async open(ctx: BenchContext): Promise<{ lab: RecoveryLab; call: Call }> {
    const lab = new RecoveryLab(NetnsPair.create());
    try {
      return { lab, call: await lab.start(ctx) };
    } catch (error) {
      await lab.close();
      throw error;
    }
  }

  private async start(ctx: BenchContext): Promise<Call> {
    const server = (this.server = await RecoveryServer.start(this.net));
    const init = async (page: Page): Promise<void> => {
      await page.addInitScript(recordPeerConnections);
      await page.addInitScript(recordVideo);
    };
    const join = async (ns: string, name: string): Promise<Page> => {
      const browser = await launchChromium(ctx.tools.chromium, this.net, [server.url], ns);
      this.browsers.push(browser);
      const participant = await openParley(browser, server.url, ROOM, name, { publish: true, init });
      this.participants.push(participant);
      participant.page.on('pageerror', (error) => ctx.log(`  [${name}] page error: ${error.message}`));
      await clickJoin(participant.page);
      await participant.page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor({ timeout: 20_000 });
      return participant.page;
    };
    const alice = await join(this.net.clientNs, 'Alice');
    const bob = await join(this.net.serverNs, 'Bob');
    return { net: this.net, server, alice: new PageWatch(alice, 'Alice'), bob: new PageWatch(bob, 'Bob') };
  }

  /** Closes the pages, browsers and server, then deletes the namespaces. Safe on a half-built lab. */
  async close(): Promise<void> {
    for (const participant of this.participants.splice(0)) await participant.context.close().catch(() => undefined);
    for (const browser of this.browsers.splice(0)) await browser.close().catch(() => undefined);
    await this.server?.stop();
    this.server = undefined;
    this.net.delete();
  }
}
