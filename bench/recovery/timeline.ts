/**
 * Reading a page's video timeline: samples of "remote video frames decoded so far" (a counter
 * that never goes down, see videoProbe.ts), taken every ~10 ms on the page's clock (epoch ms).
 */
export interface FrameSample {
  at: number;
  frames: number;
}

/** New frames that count as video again: at least `frames` of them within `ms` of the first. */
export interface Sustained {
  ms: number;
  frames: number;
}

/**
 * When video came back after an interruption that began at `eventAt`: the first sample after
 * `eventAt` at which the counter grows after a gap of at least `minStallMs` without growth, and
 * keeps growing (`sustained`). Frames already in flight at the event may decode just after it,
 * and a receiver may decode a few buffered frames late; neither counts. Returns ms from
 * `eventAt`, or null when the samples hold no such comeback (yet).
 */
export function videoAgainAfter(samples: readonly FrameSample[], eventAt: number, minStallMs: number, sustained: Sustained = { ms: 1000, frames: 4 }): number | null {
  let lastGrowth = Number.NEGATIVE_INFINITY;
  for (let i = 1; i < samples.length; i++) {
    const sample = samples[i]!;
    const before = samples[i - 1]!;
    if (sample.frames <= before.frames) continue;
    // The stall must have been under way at the event or begun after it: a gap long before the
    // event is someone else's.
    if (sample.at > eventAt && sample.at - lastGrowth >= minStallMs && lastGrowth >= eventAt - minStallMs) {
      const later = samples.slice(i).find((s) => s.at - sample.at >= sustained.ms);
      if (!later) return null; // not known yet whether it goes on
      if (later.frames - before.frames >= sustained.frames) return sample.at - eventAt;
    }
    lastGrowth = sample.at;
  }
  return null;
}

/**
 * When video came back after an event that ends a deliberate silence (a hidden tile shown
 * again): ms from `eventAt` to the first sample whose counter is above its value at the event,
 * or null when it never grew.
 */
export function firstGrowthAfter(samples: readonly FrameSample[], eventAt: number): number | null {
  let atEvent: number | undefined;
  for (const sample of samples) {
    if (sample.at <= eventAt) {
      atEvent = sample.frames;
      continue;
    }
    if (atEvent === undefined) return null; // nothing known from before the event
    if (sample.frames > atEvent) return sample.at - eventAt;
  }
  return null;
}

/**
 * Whether the counter stayed flat for the last `ms` of the samples (a hidden tile really got no
 * video, a killed path really stopped): true only when the samples cover that long.
 */
export function flatFor(samples: readonly FrameSample[], ms: number): boolean {
  const last = samples.at(-1);
  if (!last) return false;
  const first = samples[0]!;
  if (last.at - first.at < ms) return false;
  for (let i = samples.length - 1; i >= 0 && last.at - samples[i]!.at <= ms; i--) {
    if (samples[i]!.frames !== last.frames) return false;
  }
  return true;
}

/** Whether the counter grew by at least `frames` over the last `ms` of the samples. */
export function flowing(samples: readonly FrameSample[], ms: number, frames: number): boolean {
  const last = samples.at(-1);
  if (!last || last.at - samples[0]!.at < ms) return false;
  const from = [...samples].reverse().find((s) => last.at - s.at >= ms);
  return !!from && last.frames - from.frames >= frames;
}
