import { test as base, type Browser, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ParleyServer } from '../../server/src/createServer';
import { defaultGuardLimits } from '../../server/src/guards/limits';
import { bundleBridgeInit, DesktopHarness } from './desktop';
import { watchDropped } from './dropped';
import { recordPeerConnections } from './stats';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'web');

export interface Participant {
  name: string;
  page: Page;
  /** Closes the participant's browser context, like closing the tab. */
  close(): Promise<void>;
  /** Server messages the page's signaling client dropped as malformed (its console warnings). */
  readonly dropped: string[];
}

export interface JoinOptions {
  /** Tick "Join with microphone muted" on the pre-join screen. */
  muted?: boolean;
  /** Tick "Join with camera off" (audio-only participants where video is not needed). */
  cameraOff?: boolean;
  /** The participant's window size (1280x720 by default). */
  viewport?: { width: number; height: number };
  /** Extra browser permissions (e.g. the clipboard's). */
  permissions?: string[];
  /** Scripts run in the page before the app (e.g. recordLocalTracks). */
  initScripts?: Array<() => void>;
}

interface Fixtures {
  /** Opens a new browser context, goes to the room link and joins under `name`. */
  join: (room: string, name: string, options?: JoinOptions) => Promise<Participant>;
  /** The desktop app's main-process services, bindable into pages (see support/desktop.ts). */
  desktop: DesktopHarness;
}

interface WorkerFixtures {
  server: ParleyServer;
  bridgeInitScript: string;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  server: [
    async ({}, use) => {
      const server = await createServer({
        host: '127.0.0.1',
        port: 0,
        workers: 1,
        rtcPort: 0,
        webRoot,
        emptyRoomTimeoutMs: 1000,
        // Every browser here is 127.0.0.1, and one server serves a whole worker's specs. The fuzz
        // spec's sockets that never join must outlive its minute of hostile frames; the 30 s
        // pre-join close itself is tested in server/src/guards/guards.test.ts.
        guards: { ...defaultGuardLimits, roomsPerAddressPerMinute: 10_000, socketsPerAddress: 1_000, preJoinIdleMs: 300_000 },
        logLevel: (process.env.PARLEY_LOG_LEVEL as 'warn' | undefined) ?? 'warn',
      });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  bridgeInitScript: [async ({}, use) => use(await bundleBridgeInit()), { scope: 'worker' }],

  desktop: async ({ server, bridgeInitScript }, use) => {
    const harness = await DesktopHarness.create(bridgeInitScript, server.url);
    await use(harness);
    await harness.close();
  },

  join: async ({ browser, server }, use) => {
    const opened: Participant[] = [];
    await use(async (room, name, options = {}) => {
      const participant = await joinRoom(browser, `${server.url}/r/${room}`, name, options);
      opened.push(participant);
      return participant;
    });
    for (const participant of opened) await participant.close();
    // A real server message that fails the protocol's schemas is a bug on one side or the other.
    const dropped = opened.flatMap((p) => p.dropped);
    if (dropped.length > 0) throw new Error(`the client dropped server messages as malformed:\n${dropped.join('\n')}`);
  },
});

export async function joinRoom(browser: Browser, url: string, name: string, options: JoinOptions): Promise<Participant> {
  const context = await browser.newContext({ ...(options.viewport ? { viewport: options.viewport } : {}), ...(options.permissions ? { permissions: options.permissions } : {}) });
  const page = await context.newPage();
  await page.addInitScript(recordPeerConnections);
  for (const script of options.initScripts ?? []) await page.addInitScript(script);
  page.on('pageerror', (error) => console.error(`[${name}] page error: ${error.message}`));
  const dropped = watchDropped(page, name);
  await page.goto(url);
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Join with microphone muted').setChecked(options.muted ?? false);
  if (options.cameraOff !== undefined) await page.getByLabel('Join with camera off').setChecked(options.cameraOff);
  await page.getByRole('button', { name: 'Join meeting' }).click();
  await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor();
  let closed = false;
  return {
    name,
    page,
    dropped,
    async close() {
      if (closed) return;
      closed = true;
      await context.close();
    },
  };
}

export { expect } from '@playwright/test';

