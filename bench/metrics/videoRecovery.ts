import type { VideoHealthSnapshot } from '../../server/src/media/VideoHealthStats';
import { BusyLoad } from '../lib/busyLoad';
import { BenchError, BenchErrorCode } from '../lib/errors';
import { median, quantile, round } from '../lib/stats';
import { RecoveryLab } from '../recovery/RecoveryLab';
import { scenarios, type Call, type Scenario, type TryResult } from '../recovery/scenarios';
import type { BenchContext, MetricModule, ResultRow } from '../types';

/** Busy processes beside the "loaded" runs: two, at normal priority, as on CI and users' laptops. */
const BUSY_PROCESSES = 2;
const conditions = ['quiet', 'loaded'] as const;
type Condition = (typeof conditions)[number];

export interface ScenarioRun {
  condition: Condition;
  scenario: Scenario['id'];
  label: string;
  tries: TryResult[];
  failures: string[];
  seconds: number;
  /** The server's video self-healing counters before and after this scenario's tries (null: the server did not answer). */
  health: { before: VideoHealthSnapshot; after: VideoHealthSnapshot } | null;
}

export interface VideoRecoveryData {
  triesWanted: number;
  busyProcesses: number;
  runs: ScenarioRun[];
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** Runs `wanted` successful tries of one scenario (at most `wanted + 3` attempts), with the server's counters around them. */
async function runScenario(ctx: BenchContext, call: Call, condition: Condition, scenario: Scenario, wanted: number): Promise<ScenarioRun> {
  const started = performance.now();
  const health = async (): Promise<VideoHealthSnapshot | null> => {
    try {
      return (await call.server.state()).videoHealth;
    } catch (error) {
      ctx.log(`  the server's counters could not be read: ${errorText(error)}`);
      return null;
    }
  };
  const before = await health();
  const tries: TryResult[] = [];
  const failures: string[] = [];
  for (let i = 0; tries.length < wanted && i < wanted + 3; i++) {
    try {
      const result = await scenario.run(call);
      tries.push(result);
      ctx.log(`  ${condition} ${scenario.id} ${tries.length}/${wanted}: ${Math.round(result.total)} ms`);
    } catch (error) {
      failures.push(errorText(error));
      ctx.log(`  ${condition} ${scenario.id} attempt ${i + 1} failed: ${errorText(error)}`);
    }
  }
  const after = await health();
  const seconds = (performance.now() - started) / 1000;
  return { condition, scenario: scenario.id, label: scenario.label, tries, failures, seconds, health: before && after ? { before, after } : null };
}

/** What the server's video watch did during one run, as "keyFrameRetries +3, ..." (longestWaitMs as it stood after). */
function healthDelta(health: ScenarioRun['health']): string {
  if (!health) return 'not read (the server did not answer)';
  const { before, after } = health;
  const counts = (['keyFrameRetries', 'recoveries', 'firstTry', 'layerSwitchKeyFrames'] as const).map((key) => `${key} +${after[key] - before[key]}`);
  const limited = `layerLimited bandwidth +${after.layerLimited.bandwidth - before.layerLimited.bandwidth} / publisher +${after.layerLimited.publisher - before.layerLimited.publisher}`;
  return `${counts.join(', ')}, ${limited}, longestWaitMs ${after.longestWaitMs}`;
}

/** Median of each part of the tries besides the total ("consumeAnswered 12 ms, ..."). */
function partMedians(tries: TryResult[]): string {
  const parts = Object.keys(tries[0] ?? {}).filter((key) => key !== 'total');
  return parts
    .map((part) => {
      const values = tries.map((t) => t[part]).filter((v): v is number => typeof v === 'number');
      return `${part} ${round(median(values))} ms`;
    })
    .join(', ');
}

function rowsOf(run: ScenarioRun): ResultRow[] {
  const name = `${run.condition}: ${run.label}`;
  const failed = run.failures.length > 0 ? `, ${run.failures.length} failed (last: ${run.failures.at(-1)})` : '';
  if (run.tries.length === 0) return [{ name: `${name}, p50`, value: null, unit: 'ms', note: `no try succeeded${failed}` }];
  const totals = run.tries.map((t) => t.total);
  return [
    { name: `${name}, p50`, value: round(median(totals)), unit: 'ms', note: `${run.tries.length} tries${failed}; medians: ${partMedians(run.tries)}` },
    { name: `${name}, p95`, value: round(quantile(totals, 0.95)), unit: 'ms', note: `max ${round(Math.max(...totals))} ms` },
  ];
}

/**
 * Metric 9: how fast remote video comes, and comes back, in a real two-person call (two Chromium
 * pages, the real Parley server): a new consume to its first frame, a hidden tile shown again, an
 * address change, a worker kill. Each over >= 20 tries on a quiet machine and beside two busy
 * processes, with the server's video self-healing counters for each.
 */
export const videoRecoveryMetric: MetricModule<VideoRecoveryData> = {
  id: 'videoRecovery',
  title: '9. Video recovery: consume, hidden tile, address change and worker kill to decoded video (p50/p95, quiet and loaded)',
  async run(ctx) {
    const wanted = ctx.quick ? 3 : 20;
    const runs: ScenarioRun[] = [];
    const { lab, call } = await RecoveryLab.open(ctx);
    try {
      for (const condition of conditions) {
        const load = condition === 'loaded' ? BusyLoad.start(BUSY_PROCESSES) : null;
        if (load) ctx.log(`video recovery: ${BUSY_PROCESSES} busy processes running (${load.pids.join(', ')})`);
        try {
          for (const scenario of scenarios) {
            ctx.log(`video recovery, ${condition}: ${scenario.label}, ${wanted} tries`);
            runs.push(await runScenario(ctx, call, condition, scenario, wanted));
          }
        } finally {
          await load?.stop();
        }
      }
    } finally {
      await lab.close();
    }
    if (runs.every((run) => run.tries.length === 0)) throw new BenchError(BenchErrorCode.NoMedia, `no try of any scenario saw video come back: ${runs.flatMap((r) => r.failures).at(-1) ?? 'no failure recorded'}`);
    const rows = runs.flatMap(rowsOf);
    return {
      rows,
      data: { triesWanted: wanted, busyProcesses: BUSY_PROCESSES, runs },
      notes: [
        'One call reused by every try: the Parley server (its own code, one worker; bench/recovery/serverMain.ts) in one network namespace; Alice\'s Chromium in a second namespace joined by a veth pair, Bob\'s Chromium beside the server; both publish the fake 720p camera (three simulcast layers) and microphone and watch each other.',
        'Every time is from the page\'s getStats (each receiving video transceiver, polled every 10 ms): "decoded" is framesDecoded growing. Consume: from the viewer\'s `consume` request (its signaling socket, wrapped in the page) to that consumer\'s first decoded frame, after the publisher turned its camera off and on again; parts: the publisher\'s click to the consume, the answer, the tile\'s `setConsumerView` visible, the first frame. Hidden tile: Bob\'s tile at Alice\'s set to display:none until no frame came for 1 s (server pauses the consumer, the publisher stops encoding), then shown again: from showing it to the next decoded frame.',
        'Address change: Alice\'s address is deleted and another added on the same link (a roam); "again" is the first frame after a gap of >= 300 ms that began at the change, at Bob (publisher moved) and at Alice (viewer moved); the total is the later of the two. Worker kill: `kill -9` of the room\'s mediasoup worker; the server replaces it and both clients rejoin; the total is the later of both directions.',
        `Loaded: ${BUSY_PROCESSES} busy processes (\`node -e 'for(;;){}'\`) at normal priority on this 2-core machine, started and stopped by the bench, during every try of the loaded rows. Each try starts once both videos flow (10 frames in 1 s); failed tries are counted in the notes of the rows and do not enter the figures.`,
        ...runs.map((run) => `Server video self-healing during ${run.condition} ${run.scenario} (${round(run.seconds)} s): ${healthDelta(run.health)}.`),
      ],
    };
  },
};
