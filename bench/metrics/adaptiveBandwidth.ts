import { benchLayers } from '../adaptive/BenchPeers';
import { measureGrid, TOP_CLAIM, type GridMode, type GridPhase } from '../adaptive/measureGrid';
import { measurePublisherLayers, type EncodedLayer } from '../adaptive/publisherLayers';
import { withBrowserLab } from '../browser/lab';
import { round } from '../lib/stats';
import { ParleyServerProcess } from '../parley/ParleyServerProcess';
import type { MetricModule, ResultRow } from '../types';

/** Remote participants in the grid: 3x3, which one page of the grid holds at 1280x720. */
const REMOTE_TILES = 9;
const ROOM = 'bench-adaptive';

type Failed = { error: string };

export interface AdaptiveData {
  /** The real client's camera layers as its encoder sent them in this run. */
  publisher: EncodedLayer[] | Failed;
  /** Bits/s of each synthetic layer, lowest first, and where they came from. */
  bitrates: number[];
  bitratesFrom: 'publisher' | 'caps';
  phases: Partial<Record<GridMode, GridPhase | Failed>>;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message.split('\n')[0]! : String(error));

/** The encoder's three layers at the expected sizes, each sending: usable as the synthetic rates. */
function usableLayers(layers: EncodedLayer[] | Failed): layers is EncodedLayer[] {
  return Array.isArray(layers) && layers.length === benchLayers.length && layers.every((l, i) => l.width === benchLayers[i]!.width && l.kbps > 0);
}

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
    const calibration = ctx.quick ? { rampMs: 20_000, windowMs: 5_000 } : { rampMs: 30_000, windowMs: 10_000 };
    const data = await withBrowserLab(ctx, async (browser, net): Promise<AdaptiveData> => {
      ctx.log('adaptive bandwidth: the real client\'s camera layers (one Chromium publisher, one viewer)');
      const plain = await ParleyServerProcess.start(net);
      const publisher = await measurePublisherLayers(browser, plain.url, 'bench-calibrate', calibration)
        .catch((error: unknown): Failed => ({ error: errorText(error) }))
        .finally(() => plain.stop());
      ctx.log(`  ${Array.isArray(publisher) ? publisher.map((l) => `${l.width}x${l.height} ${Math.round(l.kbps)} kbit/s`).join(', ') : `failed: ${publisher.error}`}`);
      const fromPublisher = usableLayers(publisher);
      const bitrates = fromPublisher ? publisher.map((l) => Math.round(l.kbps * 1000)) : benchLayers.map((l) => l.capBitrate);
      const phases: AdaptiveData['phases'] = {};
      const server = await ParleyServerProcess.start(net, { benchPeers: { room: ROOM, count: REMOTE_TILES, bitrates } });
      try {
        for (const mode of ['adaptive', 'topLayer'] as const) {
          ctx.log(`adaptive bandwidth: ${REMOTE_TILES} remote tiles, ${mode}`);
          try {
            const phase = await measureGrid(browser, server.url, ROOM, { mode, tiles: REMOTE_TILES, ...timing });
            ctx.log(`  ${Math.round(phase.kbps)} kbit/s; ${mix(phase)}; settled ${phase.settled} after ${Math.round(phase.settleSeconds)} s`);
            phases[mode] = phase;
          } catch (error) {
            phases[mode] = { error: errorText(error) };
            ctx.log(`  failed: ${errorText(error)}`);
          }
        }
      } finally {
        await server.stop();
      }
      return { publisher, bitrates, bitratesFrom: fromPublisher ? 'publisher' : 'caps', phases };
    });
    const rows: ResultRow[] = [];
    const labels: Record<GridMode, string> = {
      adaptive: `${REMOTE_TILES} remote tiles, adaptive (the client's own tile views): received video`,
      topLayer: `same grid, every tile claiming ${TOP_CLAIM.width}x${TOP_CLAIM.height}: received video`,
    };
    const layerRates = data.bitrates.map((b, i) => `${layerName(i)} ${Math.round(b / 1000)}`).join(', ');
    if (Array.isArray(data.publisher)) {
      const total = data.publisher.reduce((sum, l) => sum + l.kbps, 0);
      const layers = data.publisher.map((l) => `${l.width}x${l.height} ${Math.round(l.framesPerSecond)} fps ${Math.round(l.kbps)}`).join(', ');
      const limits = [...new Set(data.publisher.map((l) => l.qualityLimitation))].join('/');
      rows.push({ name: 'the real client\'s camera encoder (fake 720p camera): all layers sent', value: round(total), unit: 'kbit/s', note: `${layers} kbit/s; quality limitation: ${limits}` });
    } else {
      rows.push({ name: 'the real client\'s camera encoder (fake 720p camera): all layers sent', value: null, unit: 'kbit/s', note: data.publisher.error });
    }
    for (const mode of ['adaptive', 'topLayer'] as const) {
      const phase = data.phases[mode];
      if (!phase || 'error' in phase) {
        rows.push({ name: labels[mode], value: null, unit: 'kbit/s', note: phase?.error ?? 'not measured' });
        continue;
      }
      const unsettled = phase.settled ? '' : `; NOT every tile reached its layer within ${Math.round(phase.settleSeconds)} s`;
      rows.push({ name: labels[mode], value: round(phase.kbps), unit: 'kbit/s', note: `layers over the window: ${mix(phase)}; ${tileSummary(phase)}${unsettled}` });
    }
    const adaptive = data.phases.adaptive;
    const top = data.phases.topLayer;
    if (adaptive && top && !('error' in adaptive) && !('error' in top)) {
      rows.push({ name: 'adaptive / every tile on the top layer', value: round(adaptive.kbps / top.kbps), unit: 'ratio', note: `same server, publishers and window length (${Math.round(adaptive.windowSeconds)} s)` });
    }
    return {
      rows,
      data,
      notes: [
        `One receiver: the Parley web client (dist/web) in Chromium, viewport 1280x720 at device scale 1, grid layout, camera off and microphone muted; its own tile is in the grid with the ${REMOTE_TILES} remote ones. Everything between is the real system: the client's tile views (ResizeObserver, ViewReporter), the server's layer policy, mediasoup simulcast consumers and their bandwidth estimate.`,
        `The ${REMOTE_TILES} remote participants are synthetic publishers inside the same Parley server process (bench/adaptive/BenchPeers.ts): real peers of the room, each a VP8 camera in three simulcast layers declared with their sizes (the produce \`layers\` field), fed by the bench generator over a PlainTransport at ${layerRates} kbit/s, key frame every second, RTCP sender reports every 0.5 s. Nine real Chromium encoders do not fit on two cores.`,
        data.bitratesFrom === 'publisher'
          ? `Those rates are what the real client's encoder sent per layer in this run (first row: a Parley publisher in Chromium with the fake 720p camera and the client's own encodings, one viewer claiming the top layer so dynacast keeps every layer, ${calibration.windowMs / 1000} s after the top layer came up). The fake camera's picture is not a face on a webcam, so the layer rates, and with them the ratio, are this encoder on this picture.`
          : 'The real publisher did not give three usable layers (first row), so the synthetic layers send at the client\'s caps (src-renderer/src/core/media/Publisher.ts): an upper bound for each layer.',
        'No temporal layers are synthesized: every tile here is wider than the 200 px below which the policy halves the frame rate, so each consumer takes its layer at full rate.',
        `Baseline: a second receiver, same grid, whose \`setConsumerView\` frames are rewritten on the way out (a WebSocket wrapper in the page) to claim ${TOP_CLAIM.width}x${TOP_CLAIM.height} for every visible tile, so the unchanged server picks the top layer for all. Each receiver is a fresh page; before its window every consumer must hold the layer the policy picks for its view for 3 s (bandwidth estimate ramp-up included), at most ${timing.settleMs / 1000} s.`,
        `Received video = inbound-rtp bytesReceived (RTP payload) summed over the ${REMOTE_TILES} tiles' video streams over ${timing.windowMs / 1000} s (mediasoup's bandwidth probe stream is left out; its rate is in the JSON); the layer mix is time-weighted from the server's consumerLayersChanged notifications. The synthetic payload is not decodable VP8, so the receiver counts bytes and decodes nothing.`,
      ],
    };
  },
};
