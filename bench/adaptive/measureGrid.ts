import type { Browser } from '@playwright/test';
import { pickLayers } from '../../server/src/media/layerPolicy';
import { sleep, waitFor } from '../lib/errors';
import { clickJoin, openParley } from '../parley/parleyPages';
import { benchLayers } from './BenchPeers';
import { gridTiles, inboundVideoBytes, readProbe, recordViews, type ProbeState, type SentView } from './viewProbe';

export type GridMode = 'adaptive' | 'topLayer';

/** The size every tile claims in the baseline: the top layer's, so the policy picks the top layer. */
export const TOP_CLAIM = { width: benchLayers.at(-1)!.width, height: benchLayers.at(-1)!.height };
/** Layers must have held their targets this long before the window opens. */
const HOLD_MS = 3000;

export interface GridPhase {
  mode: GridMode;
  /** CSS sizes of the grid's tiles (the remote ones and the receiver's own). */
  tiles: Array<{ width: number; height: number }>;
  /** The last view of each video consumer as it went to the server (after the claim, in the baseline). */
  views: Record<string, SentView>;
  /** The spatial layer the server's policy picks for each of those views. */
  targets: Record<string, number>;
  /** Whether every consumer was on its target layer (for HOLD_MS) before the window; false: the wait ran out. */
  settled: boolean;
  settleSeconds: number;
  windowSeconds: number;
  /** Video received over the window, all tiles together (inbound-rtp bytesReceived: RTP payload). */
  kbps: number;
  perStreamKbps: number[];
  /** The SFU's bandwidth probes (mediasoup's probator stream) over the window, not in `kbps`. */
  probationKbps: number;
  /** Tile-seconds spent on each spatial layer during the window, from the server's consumerLayersChanged. */
  layerSeconds: { layers: number[]; none: number };
}

function visibleConsumers(state: ProbeState): string[] {
  return Object.entries(state.views).filter(([, view]) => view.visible).map(([id]) => id);
}

/** The spatial layer each consumer was on at `at` (page clock), from the layer events up to then. */
function layersAt(state: ProbeState, at: number): Map<string, number | null> {
  const current = new Map<string, number | null>();
  for (const event of state.layerEvents) if (event.at <= at) current.set(event.consumerId, event.spatialLayer);
  return current;
}

function layerSeconds(state: ProbeState, consumers: string[], from: number, to: number): GridPhase['layerSeconds'] {
  const result = { layers: benchLayers.map(() => 0), none: 0 };
  for (const consumerId of consumers) {
    let layer = layersAt(state, from).get(consumerId) ?? null;
    let since = from;
    const add = (until: number): void => {
      const seconds = (until - since) / 1000;
      if (layer === null) result.none += seconds;
      else result.layers[layer] = (result.layers[layer] ?? 0) + seconds;
    };
    for (const event of state.layerEvents) {
      if (event.consumerId !== consumerId || event.at <= from || event.at > to) continue;
      add(event.at);
      layer = event.spatialLayer;
      since = event.at;
    }
    add(to);
  }
  return result;
}

/**
 * One receiver in the room of `tiles` bench peers: the Parley web client in Chromium (1280x720,
 * camera off, microphone muted) in the grid layout. Waits until every remote tile has reported a
 * visible view and every consumer is on the layer the server's policy picks for it (or
 * `settleMs` runs out), then counts the video received over `windowMs`.
 */
export async function measureGrid(
  browser: Browser,
  serverUrl: string,
  room: string,
  options: { mode: GridMode; tiles: number; settleMs: number; windowMs: number },
): Promise<GridPhase> {
  const claim = options.mode === 'topLayer' ? TOP_CLAIM : null;
  const receiver = await openParley(browser, serverUrl, room, `Receiver ${options.mode}`, {
    publish: false,
    // openParley's join probe already keeps the page's connections in window.__pcs.
    init: async (page) => void (await page.addInitScript(recordViews, claim)),
  });
  const { page } = receiver;
  try {
    await clickJoin(page);
    await page.getByRole('toolbar', { name: 'Meeting controls' }).waitFor({ timeout: 20_000 });
    await waitFor(async () => visibleConsumers(await readProbe(page)).length >= options.tiles, `a visible view for each of the ${options.tiles} remote tiles`, { timeoutMs: 30_000, intervalMs: 250 });
    const settleStart = Date.now();
    let heldSince = 0;
    let settled = false;
    let state = await readProbe(page);
    while (Date.now() - settleStart < options.settleMs) {
      state = await readProbe(page);
      const now = layersAt(state, state.now);
      const onTarget = visibleConsumers(state).every((id) => now.get(id) === pickLayers(state.views[id]!, benchLayers).spatialLayer);
      heldSince = onTarget ? heldSince || Date.now() : 0;
      if (heldSince && Date.now() - heldSince >= HOLD_MS) {
        settled = true;
        break;
      }
      await sleep(250);
    }
    const settleSeconds = (Date.now() - settleStart) / 1000;
    const tiles = await gridTiles(page);
    const before = await inboundVideoBytes(page);
    await sleep(options.windowMs);
    const after = await inboundVideoBytes(page);
    state = await readProbe(page);
    const seconds = (after.at - before.at) / 1000;
    const perStreamKbps = Object.entries(after.bytes).map(([ssrc, bytes]) => ((bytes - (before.bytes[ssrc] ?? 0)) * 8) / 1000 / seconds);
    const consumers = visibleConsumers(state);
    return {
      mode: options.mode,
      tiles,
      views: state.views,
      targets: Object.fromEntries(consumers.map((id) => [id, pickLayers(state.views[id]!, benchLayers).spatialLayer])),
      settled,
      settleSeconds,
      windowSeconds: seconds,
      kbps: perStreamKbps.reduce((sum, kbps) => sum + kbps, 0),
      perStreamKbps,
      probationKbps: ((after.probation - before.probation) * 8) / 1000 / seconds,
      layerSeconds: layerSeconds(state, consumers, before.at, after.at),
    };
  } finally {
    await receiver.context.close();
  }
}
