/**
 * Debian's Chromium as every e2e participant runs it: headless-friendly, quiet offline, fake
 * devices whose microphones "talk" continuously (`fakeSpeech`, see fakeSpeech.ts), and no
 * throttling of background tabs (every participant but one is in the background).
 */
export function chromiumArgs(fakeSpeech: string): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Two fake cameras, microphones and speakers, so device switching can be exercised.
    '--use-fake-device-for-media-stream=device-count=2',
    `--use-file-for-fake-audio-capture=${fakeSpeech}`,
    // getDisplayMedia picks the fake 1280x720 screen without a picker.
    '--auto-select-desktop-capture-source=Entire screen',
    '--use-fake-ui-for-media-stream',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-renderer-backgrounding',
    '--disable-background-timer-throttling',
    '--disable-backgrounding-occluded-windows',
  ];
}

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
