import type { Page } from '@playwright/test';

/**
 * Init script, run in the page before the app: keeps every track the page captured
 * (getUserMedia, getDisplayMedia), so a test can ask whether all of them have ended.
 */
export function recordLocalTracks(): void {
  const w = window as unknown as { __localTracks: MediaStreamTrack[] };
  w.__localTracks = [];
  const devices = navigator.mediaDevices;
  for (const method of ['getUserMedia', 'getDisplayMedia'] as const) {
    const native = devices[method].bind(devices) as (constraints?: MediaStreamConstraints) => Promise<MediaStream>;
    devices[method] = async (constraints?: MediaStreamConstraints) => {
      const stream = await native(constraints);
      w.__localTracks.push(...stream.getTracks());
      return stream;
    };
  }
}

/** The kind and readyState of every track the page captured so far; throws when it captured none. */
export async function localTrackStates(page: Page): Promise<Array<{ kind: string; readyState: string }>> {
  const states = await page.evaluate(() => (window as unknown as { __localTracks?: MediaStreamTrack[] }).__localTracks?.map((t) => ({ kind: t.kind, readyState: t.readyState })) ?? null);
  if (states === null) throw new Error('the page does not record its tracks (recordLocalTracks was not installed)');
  if (states.length === 0) throw new Error('the page captured no track at all');
  return states;
}
