import type { Page } from '@playwright/test';
import { inbound } from './stats';

/** One received stream: what `page` gets from `from`. Video counts decoded frames, audio bytes. */
export interface Stream {
  page: Page;
  from: string;
  kind: 'audio' | 'video';
}

function counter(sample: { bytesReceived: number; framesDecoded: number }, kind: Stream['kind']): number {
  return kind === 'video' ? sample.framesDecoded : sample.bytesReceived;
}

function label({ from, kind }: Stream): string {
  return `${kind} from ${from}`;
}

/**
 * Milliseconds from `since` (Date.now() when the fault ended) until every stream has grown
 * twice in a row past its value now, read from getStats every ~100 ms; the slowest stream
 * decides. Rejects naming the streams still stalled after `timeoutMs`.
 */
export async function msUntilFlowing(streams: Stream[], since: number, timeoutMs: number): Promise<{ ms: number; each: string }> {
  const last = await Promise.all(streams.map(async (s) => counter(await inbound(s.page, s.from, s.kind), s.kind)));
  const grew = streams.map(() => 0);
  const flowingAt: Array<number | null> = streams.map(() => null);
  while (flowingAt.some((t) => t === null)) {
    if (Date.now() - since > timeoutMs) {
      const stalled = streams.filter((_, i) => flowingAt[i] === null).map(label);
      throw new Error(`no media ${timeoutMs} ms after the fault ended: ${stalled.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all(
      streams.map(async (s, i) => {
        if (flowingAt[i] !== null) return;
        const now = counter(await inbound(s.page, s.from, s.kind), s.kind);
        // A fresh consumer (after a full rejoin) starts again from zero: any count is growth then.
        grew[i] = now > last[i]! || now < last[i]! ? grew[i]! + 1 : 0;
        last[i] = now;
        if (grew[i]! >= 2) flowingAt[i] = Date.now();
      }),
    );
  }
  return {
    ms: Math.max(...flowingAt.map((t) => (t as number) - since)),
    each: streams.map((s, i) => `${label(s)} ${(flowingAt[i] as number) - since} ms`).join(', '),
  };
}

/**
 * Samples an audio stream inside the page every `everyMs` for `durationMs` (no round trip to the
 * test runner between samples, so a busy runner cannot stretch the gaps) and returns the longest
 * time, by the browser's stats timestamps, between two samples that saw bytes arrive: an upper
 * bound on the longest stall, never an underestimate. `samples` and `longestSampleGapMs` show how
 * fine the sampling really was.
 */
export function longestStall(stream: Stream, durationMs: number, everyMs = 250): Promise<{ longestMs: number; samples: number; longestSampleGapMs: number }> {
  return stream.page.evaluate(
    async ({ from, durationMs, everyMs }) => {
      const bytesFrom = async (): Promise<{ bytes: number; at: number }> => {
        const audio = [...document.querySelectorAll<HTMLAudioElement>('audio[data-peer-name]')].find((a) => a.dataset.peerName === from);
        const stream = audio?.srcObject;
        const track = stream instanceof MediaStream ? stream.getTracks()[0] : undefined;
        for (const pc of (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs) {
          if (!track || pc.connectionState === 'closed') continue;
          for (const stat of (await pc.getStats()).values()) {
            if (stat.type === 'inbound-rtp' && stat.trackIdentifier === track.id) return { bytes: stat.bytesReceived ?? 0, at: stat.timestamp };
          }
        }
        return { bytes: -1, at: performance.timeOrigin + performance.now() };
      };
      let previous = await bytesFrom();
      let lastGrowth = previous.at;
      let longest = 0;
      let longestSampleGap = 0;
      let samples = 1;
      const end = performance.now() + durationMs;
      while (performance.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, everyMs));
        const sample = await bytesFrom();
        samples++;
        longestSampleGap = Math.max(longestSampleGap, sample.at - previous.at);
        longest = Math.max(longest, sample.at - lastGrowth);
        if (sample.bytes !== previous.bytes) lastGrowth = sample.at;
        previous = sample;
      }
      return { longestMs: Math.round(longest), samples, longestSampleGapMs: Math.round(longestSampleGap) };
    },
    { from: stream.from, durationMs, everyMs },
  );
}
