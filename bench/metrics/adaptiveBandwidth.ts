import { benchLayers } from '../adaptive/BenchPeers';
import { measureGrid, TOP_CLAIM, type GridMode, type GridPhase } from '../adaptive/measureGrid';
import { withBrowserLab } from '../browser/lab';
import { round } from '../lib/stats';
import { ParleyServerProcess } from '../parley/ParleyServerProcess';
import type { MetricModule, ResultRow } from '../types';

/** Remote participants in the grid: 3x3, which one page of the grid holds at 1280x720. */
const REMOTE_TILES = 9;
const ROOM = 'bench-adaptive';

export type AdaptiveData = Partial<Record<GridMode, GridPhase | { error: string }>>;

const layerName = (i: number): string => `${benchLayers[i]!.width}x${benchLayers[i]!.height}`;

/** "9 tiles at 640x360" style summary of the time-weighted layer mix. */
function mix(phase: GridPhase): string {
  const total = phase.layerSeconds.layers.reduce((s, v) => s + v, 0) + phase.layerSeconds.none;
  if (total === 0) return 'no layer reported';
  const parts = phase.layerSeconds.layers.flatMap((seconds, i) => (seconds > 0 ? [`${round((seconds / total) * 100)}% ${layerName(i)}`] : []));
  if (phase.layerSeconds.none > 0) parts.push(`${round((phase.layerSeconds.none / total) * 100)}% none`);
  return parts.join(', ');
}

function tileSummary(phase: GridPhase): string {
  const sizes = [...new Set(phase.tiles.map((t) => `${t.width}x${t.height}`))].join('/');
  const sent = [...new Set(Object.values(phase.views).filter((v) => v.visible).map((v) => `${v.width}x${v.height}`))].join('/');
  return `${phase.tiles.length} tiles of ${sizes} CSS px, views sent ${sent}`;
}

/**
 * Metric 6: the downstream video of one receiver showing a 3x3 grid of remote simulcast cameras,
 * with Parley's adaptive tiles against the same grid where every tile asks for the top layer,
 * both measured against the same server and the same publishers in this run.
 */
export const adaptiveBandwidthMetric: MetricModule<AdaptiveData> = {
  id: 'adaptiveBandwidth',
  title: '6. Adaptive tiles: received video of a 3x3 grid against every tile on the top layer',
  async run(ctx) {
    const timing = ctx.quick ? { settleMs: 30_000, windowMs: 6_000 } : { settleMs: 60_000, windowMs: 20_000 };
    const data = await withBrowserLab(ctx, async (browser, net) => {
      const result: AdaptiveData = {};
      const server = await ParleyServerProcess.start(net, { benchPeers: { room: ROOM, count: REMOTE_TILES } });
      try {
        for (const mode of ['adaptive', 'topLayer'] as const) {
          ctx.log(`adaptive bandwidth: ${REMOTE_TILES} remote tiles, ${mode}`);
          try {
            const phase = await measureGrid(browser, server.url, ROOM, { mode, tiles: REMOTE_TILES, ...timing });
            ctx.log(`  ${Math.round(phase.kbps)} kbit/s; ${mix(phase)}; settled ${phase.settled} after ${Math.round(phase.settleSeconds)} s`);
            result[mode] = phase;
          } catch (error) {
            const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
            ctx.log(`  failed: ${message}`);
            result[mode] = { error: message };
          }
        }
      } finally {
        await server.stop();
      }
      return result;
    });
    const rows: ResultRow[] = [];
    const labels: Record<GridMode, string> = {
      adaptive: `${REMOTE_TILES} remote tiles, adaptive (the client's own tile views): received video`,
      topLayer: `same grid, every tile claiming ${TOP_CLAIM.width}x${TOP_CLAIM.height}: received video`,
    };
    for (const mode of ['adaptive', 'topLayer'] as const) {
      const phase = data[mode];
      if (!phase || 'error' in phase) {
        rows.push({ name: labels[mode], value: null, unit: 'kbit/s', note: phase?.error ?? 'not measured' });
        continue;
      }
      const unsettled = phase.settled ? '' : `; NOT every tile reached its layer within ${Math.round(phase.settleSeconds)} s`;
      rows.push({ name: labels[mode], value: round(phase.kbps), unit: 'kbit/s', note: `layers over the window: ${mix(phase)}; ${tileSummary(phase)}${unsettled}` });
    }
    const adaptive = data.adaptive;
    const top = data.topLayer;
    if (adaptive && top && !('error' in adaptive) && !('error' in top)) {
      rows.push({ name: 'adaptive / every tile on the top layer', value: round(adaptive.kbps / top.kbps), unit: 'ratio', note: `same server, publishers and window length (${Math.round(adaptive.windowSeconds)} s)` });
    }
    const layerRates = benchLayers.map((l, i) => `${layerName(i)} ${l.bitrate / 1000}`).join(', ');
    return {
      rows,
      data,
      notes: [
        `One receiver: the Parley web client (dist/web) in Chromium, viewport 1280x720 at device scale 1, grid layout, camera off and microphone muted; its own tile is in the grid with the ${REMOTE_TILES} remote ones. Everything between is the real system: the client's tile views (ResizeObserver, ViewReporter), the server's layer policy, mediasoup simulcast consumers and their bandwidth estimate.`,
        `The ${REMOTE_TILES} remote participants are synthetic publishers inside the same Parley server process (bench/adaptive/BenchPeers.ts): real peers of the room, each a VP8 camera in three simulcast layers declared with their sizes (the produce \`layers\` field), fed by the bench generator over a PlainTransport at the client's own layer caps (${layerRates} kbit/s), key frame every second, RTCP sender reports every 0.5 s. Nine real Chromium encoders do not fit on two cores.`,
        'The synthetic layers send at their caps all the time; a real camera encoder undershoots on still scenes, so the kbit/s are an upper bound and the ratio is what the layer choice saves when the publishers use their budget. No temporal layers are synthesized: every tile here is wider than the 200 px below which the policy halves the frame rate.',
        `Baseline: a second receiver, same grid, whose \`setConsumerView\` frames are rewritten on the way out (a WebSocket wrapper in the page) to claim ${TOP_CLAIM.width}x${TOP_CLAIM.height} for every visible tile, so the unchanged server picks the top layer for all. Each receiver is a fresh page; before its window every consumer must hold the layer the policy picks for its view for 3 s (bandwidth estimate ramp-up included), at most ${timing.settleMs / 1000} s.`,
        `Received video = inbound-rtp bytesReceived (RTP payload) summed over the ${REMOTE_TILES} video streams over ${timing.windowMs / 1000} s; the layer mix is time-weighted from the server's consumerLayersChanged notifications. The synthetic payload is not decodable VP8, so the receiver counts bytes and decodes nothing.`,
      ],
    };
  },
};
