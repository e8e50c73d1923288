import { defineConfig } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumArgs, chromiumPath } from './support/chromiumArgs';
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
  // The JSON report tells which tests passed only on their retry (the summary lists them).
  reporter: [['list'], ['junit', { outputFile: '../test-results/junit/e2e.xml' }], ['json', { outputFile: '../test-results/e2e-report.json' }]],
  outputDir: '../test-results/e2e',
  use: {
    browserName: 'chromium',
    launchOptions: {
      executablePath: chromiumPath,
      args: chromiumArgs(fakeSpeech),
    },
    permissions: ['camera', 'microphone'],
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
  },
});
