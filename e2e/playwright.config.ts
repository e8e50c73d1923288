import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFakeSpeech } from './support/fakeSpeech';

const here = path.dirname(fileURLToPath(import.meta.url));
const fakeSpeech = writeFakeSpeech(path.join(here, '..', 'test-results', 'fake-speech.wav'));

/**
 * E2E runs Debian's Chromium (Playwright cannot download browsers here) with fake camera and
 * microphone. Each spec starts its own Parley server in the worker process (see support/fixtures).
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  // Two cores: one worker, a few browser participants at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['junit', { outputFile: '../test-results/junit/e2e.xml' }]],
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // Two fake cameras, microphones and speakers, so device switching can be exercised.
        '--use-fake-device-for-media-stream=device-count=2',
        // Every fake microphone "talks" continuously (see support/fakeSpeech.ts).
        `--use-file-for-fake-audio-capture=${fakeSpeech}`,
        // getDisplayMedia picks the fake 1280x720 screen without a picker.
        '--auto-select-desktop-capture-source=Entire screen',
        '--use-fake-ui-for-media-stream',
        '--autoplay-policy=no-user-gesture-required',
        // Hidden tabs must keep decoding: every participant but one is in the background.
        '--disable-renderer-backgrounding',
        '--disable-background-timer-throttling',
        '--disable-backgrounding-occluded-windows',
      ],
    },
    permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
  },
});
