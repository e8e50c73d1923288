import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NetnsPair } from '../lib/netns';

const buildDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '.build');

/** Pages that need no server (the bare pair, the Janus client) are served by Playwright routes here. */
export const LOCAL_ORIGIN = 'http://localhost:9999';

/**
 * Debian's Chromium inside the client namespace (Playwright starts it through a two-line wrapper,
 * `ip netns exec`), with fake devices and the flags that keep it quiet offline. The Parley page
 * comes from the server namespace over plain HTTP, so that origin is marked secure for
 * getUserMedia; the others are served as localhost. `ns`: another namespace of the pair (a
 * participant beside the server).
 */
export async function launchChromium(chromiumPath: string, net: NetnsPair, secureOrigins: string[], ns = net.clientNs): Promise<Browser> {
  mkdirSync(buildDir, { recursive: true });
  const wrapper = path.join(buildDir, `chromium-in-${ns}.sh`);
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${chromiumPath} "$@"\n`);
  chmodSync(wrapper, 0o755);
  return chromium.launch({
    executablePath: wrapper,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      '--disable-renderer-backgrounding',
      '--disable-background-timer-throttling',
      '--disable-backgrounding-occluded-windows',
      // The Janus page (localhost) opens a WebSocket to the server namespace's address, which
      // Chromium's Local Network Access checks would block.
      '--disable-features=LocalNetworkAccessChecks',
      `--unsafely-treat-insecure-origin-as-secure=${secureOrigins.join(',')}`,
    ],
  });
}

/** A fresh context (own storage, camera and microphone granted) and one page in it. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ permissions: ['camera', 'microphone'], viewport: { width: 1280, height: 720 } });
  // tsx (esbuild, keepNames) wraps named functions in `__name(...)`; functions that Playwright
  // ships into the page bring those calls along, so the page gets an identity `__name`.
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const page = await context.newPage();
  return { context, page };
}

/** Serves `files` (name -> contents) at LOCAL_ORIGIN/<name> for this context, without any server. */
export async function serveLocally(context: BrowserContext, files: Record<string, { body: string; contentType: string }>): Promise<void> {
  await context.route(`${LOCAL_ORIGIN}/**`, async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    const file = files[name];
    await (file ? route.fulfill({ status: 200, body: file.body, contentType: file.contentType }) : route.fulfill({ status: 404, body: '' }));
  });
}
