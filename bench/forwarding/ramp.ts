import { linearFit } from '../lib/stats';
import type { WindowResult } from './measureWindow';

export const CPU_LIMIT = 0.8;
export const LOSS_LIMIT = 0.01;
const MAX_STEPS = 14;
const MAX_SUBSCRIBERS = 3000;

export interface RampResult {
  steps: WindowResult[];
  /** The first step at a limit (or the last step when the bounds ran out first). */
  knee: WindowResult;
  kneeReason: 'cpu' | 'loss' | 'bounds';
  /** Consumers at exactly 80% CPU, from a straight-line fit of CPU against consumers over all steps. */
  consumersAt80ByFit: number;
  fit: { intercept: number; slope: number };
}

/**
 * Adds subscribers step by step until the forwarder uses 80% of its core or loses more than 1%
 * of packets. Each step aims a little past the CPU the previous step predicts, so the knee is
 * reached in a handful of steps without jumping far beyond it.
 */
export async function ramp(
  first: number,
  measure: (subscribers: number) => Promise<WindowResult>,
  options: { deadline: number; log: (line: string) => void },
): Promise<RampResult> {
  const steps: WindowResult[] = [];
  let subscribers = first;
  let kneeReason: RampResult['kneeReason'] = 'bounds';
  for (let step = 0; step < MAX_STEPS && Date.now() < options.deadline; step++) {
    const result = await measure(subscribers);
    steps.push(result);
    options.log(
      `  ${result.consumers} consumers: ${Math.round(result.outPps)} pkt/s out, cpu ${(result.cpu * 100).toFixed(1)}%, loss ${(result.loss * 100).toFixed(2)}%`,
    );
    if (result.cpu >= CPU_LIMIT) kneeReason = 'cpu';
    else if (result.loss > LOSS_LIMIT) kneeReason = 'loss';
    if (kneeReason !== 'bounds') break;
    const predicted = result.cpu > 0 ? subscribers * ((CPU_LIMIT + 0.04) / result.cpu) : subscribers * 2;
    subscribers = Math.min(MAX_SUBSCRIBERS, Math.round(Math.min(subscribers * 1.8, Math.max(subscribers * 1.12, predicted))));
  }
  const fit = linearFit(steps.map((s) => ({ x: s.consumers, y: s.cpu })));
  return {
    steps,
    knee: steps[steps.length - 1]!,
    kneeReason,
    consumersAt80ByFit: (CPU_LIMIT - fit.intercept) / fit.slope,
    fit,
  };
}
