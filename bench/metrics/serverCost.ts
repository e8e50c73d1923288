import { withBrowserLab } from '../browser/lab';
import { videoReceived } from '../browser/pcs';
import { sleep } from '../lib/errors';
import { measureProcessTree, type ProcessCost } from '../lib/processCost';
import { round } from '../lib/stats';
import { startLoad, type ServerKind, type Shape } from '../serverCost/load';
import type { MetricModule, ResultRow } from '../types';

const shapes: Array<{ shape: Shape; label: string }> = [
  { shape: 'oneToTwo', label: '1 publisher -> 2 subscribers' },
  { shape: 'threeWay', label: '3 participants, all publishing and receiving' },
];
const PARTICIPANTS = 3;

export interface CostSample extends ProcessCost {
  /** Video received by all receiving pages together during the window, kbit/s. */
  receivedKbps: number;
}

export type CostData = Record<Shape, Partial<Record<ServerKind, CostSample | { error: string }>>>;

/** Metric 5: server CPU and RSS per participant with the same Chromium load, Parley against Janus. */
export const serverCostMetric: MetricModule<CostData> = {
  id: 'serverCost',
  title: '5. Server cost per participant (same Chromium load, Parley against Janus)',
  async run(ctx) {
    const settleMs = ctx.quick ? 2000 : 5000;
    const seconds = ctx.quick ? 5 : 20;
    const janus = ctx.tools.janus.ok ? ctx.tools.janus : null;
    const kinds: ServerKind[] = janus ? ['parley', 'janus'] : ['parley'];
    const data = await withBrowserLab(ctx, async (browser, net) => {
      const result = {} as CostData;
      for (const { shape, label } of shapes) {
        result[shape] = {};
        for (const kind of kinds) {
          ctx.log(`server cost: ${kind}, ${label}`);
          try {
            const loaded = await startLoad(kind, shape, browser, net, janus);
            try {
              await sleep(settleMs);
              const before = await Promise.all(loaded.receivers.map((page) => videoReceived(page)));
              const cost = await measureProcessTree(loaded.pid, seconds);
              const after = await Promise.all(loaded.receivers.map((page) => videoReceived(page)));
              const bytes = after.reduce((sum, a, i) => sum + a.bytes - before[i]!.bytes, 0);
              result[shape][kind] = { ...cost, receivedKbps: (bytes * 8) / 1000 / cost.seconds };
            } finally {
              await loaded.close();
            }
          } catch (error) {
            const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
            ctx.log(`  failed: ${message}`);
            result[shape][kind] = { error: message };
          }
        }
      }
      return result;
    });
    const rows: ResultRow[] = [];
    const mib = (bytes: number): number => round(bytes / 2 ** 20);
    for (const { shape, label } of shapes) {
      const parley = data[shape].parley;
      const peer = data[shape].janus;
      for (const [kind, sample] of [['Parley', parley], ['Janus', peer]] as const) {
        if (!sample) continue;
        if ('error' in sample) {
          rows.push({ name: `${label}: ${kind} CPU per participant`, value: null, unit: '% of a core', note: sample.error });
          continue;
        }
        rows.push(
          { name: `${label}: ${kind} CPU per participant`, value: round((sample.cpu * 100) / PARTICIPANTS), unit: '% of a core', note: `server total ${round(sample.cpu * 100)}%; receivers got ${Math.round(sample.receivedKbps)} kbit/s of video` },
          { name: `${label}: ${kind} RSS per participant`, value: mib(sample.rssMean / PARTICIPANTS), unit: 'MiB', note: `server total ${mib(sample.rssMean)} MiB (peak ${mib(sample.rssPeak)})` },
        );
      }
      if (parley && peer && !('error' in parley) && !('error' in peer)) {
        rows.push(
          { name: `${label}: Parley / Janus CPU`, value: round(parley.cpu / peer.cpu), unit: 'ratio' },
          { name: `${label}: Parley / Janus RSS`, value: round(parley.rssMean / peer.rssMean), unit: 'ratio' },
          {
            name: `${label}: Parley / Janus CPU per received Mbit/s of video`,
            value: round(parley.cpu / parley.receivedKbps / (peer.cpu / peer.receivedKbps)),
            unit: 'ratio',
            note: 'the SFUs chose different simulcast layers for the receivers, so the plain CPU ratio compares unequal traffic',
          },
        );
      }
    }
    if (!janus) rows.push({ name: 'Janus', value: null, unit: '', note: ctx.tools.janus.ok ? '' : ctx.tools.janus.reason });
    return {
      rows,
      data,
      notes: [
        `Each server fresh per load, ${settleMs / 1000} s to settle once every receiver decodes, then ${seconds} s sampled each second: CPU from /proc/<pid>/stat of the server's whole process tree (Parley: the Node process and its one mediasoup worker; Janus: its one process), RSS from /proc/<pid>/status, mean over the samples.`,
        'Same load on both: Chromium pages in the client namespace, 720p fake camera in three simulcast layers (1500/500/150 kbit/s caps on both) plus Opus; receivers take whatever layer each SFU sends them (the received bitrate is in the notes, to show the loads matched).',
        'The two SFUs pick layers differently (Parley\'s consumers climb from the bandwidth estimate; Janus sends the top layer by default), so receivers may not get the same bitrate: compare the per-Mbit/s ratio as well as the plain one.',
        'Parley runs as `npm run serve` does (Node with tsx loading the TypeScript sources), so its RSS includes the TypeScript loader; Janus is one C process.',
        'All pages and both servers share the two cores with no pinning; three encoding Chromium participants keep the machine busy, as a small meeting hosted on a laptop would.',
      ],
    };
  },
};
