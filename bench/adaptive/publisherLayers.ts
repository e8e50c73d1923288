import type { Browser, Page } from '@playwright/test';
import { sleep, waitFor } from '../lib/errors';
import { joinParley, openParley, clickJoin } from '../parley/parleyPages';
import { TOP_CLAIM } from './measureGrid';
import { recordViews } from './viewProbe';

/** One simulcast layer as the real client's encoder sent it over the window. */
export interface EncodedLayer {
  rid: string;
  width: number;
  height: number;
  framesPerSecond: number;
  kbps: number;
  qualityLimitation: string;
}

interface OutboundSample {
  at: number;
  layers: Record<string, { bytes: number; width: number; height: number; fps: number; limitation: string }>;
}

function outboundVideo(page: Page): Promise<OutboundSample> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __pcs?: RTCPeerConnection[] }).__pcs ?? [];
    const layers: OutboundSample['layers'] = {};
    for (const pc of pcs) {
      if (pc.connectionState === 'closed') continue;
      for (const stat of (await pc.getStats()).values()) {
        if (stat.type !== 'outbound-rtp' || stat.kind !== 'video') continue;
        layers[String(stat.rid ?? stat.ssrc)] = {
          bytes: stat.bytesSent ?? 0,
          width: stat.frameWidth ?? 0,
          height: stat.frameHeight ?? 0,
          fps: stat.framesPerSecond ?? 0,
          limitation: stat.qualityLimitationReason ?? '',
        };
      }
    }
    return { at: performance.now(), layers };
  });
}

/**
 * The real client's camera layers, measured in this run: a Parley publisher in Chromium (fake
 * 720p camera, the client's own three-layer encodings) with one receiver whose tile claims the
 * top layer, so dynacast keeps every layer encoded. Once the top layer is encoded at full size
 * (at most `rampMs`), each layer's outbound-rtp bytesSent is counted over `windowMs`.
 */
export async function measurePublisherLayers(browser: Browser, serverUrl: string, room: string, options: { rampMs: number; windowMs: number }): Promise<EncodedLayer[]> {
  const publisher = await joinParley(browser, serverUrl, room, 'Calibration camera', true);
  const viewer = await openParley(browser, serverUrl, room, 'Calibration viewer', {
    publish: false,
    init: async (page) => void (await page.addInitScript(recordViews, TOP_CLAIM)),
  });
  try {
    await clickJoin(viewer.page);
    await waitFor(
      async () => Object.values((await outboundVideo(publisher.page)).layers).some((l) => l.width >= TOP_CLAIM.width && l.bytes > 0),
      'the publisher encoding its top layer at full size',
      { timeoutMs: options.rampMs, intervalMs: 500 },
    );
    await sleep(3000); // the encoder's rate control settles after the layer starts
    const before = await outboundVideo(publisher.page);
    await sleep(options.windowMs);
    const after = await outboundVideo(publisher.page);
    const seconds = (after.at - before.at) / 1000;
    return Object.entries(after.layers)
      .map(([rid, layer]) => ({
        rid,
        width: layer.width,
        height: layer.height,
        framesPerSecond: layer.fps,
        kbps: ((layer.bytes - (before.layers[rid]?.bytes ?? 0)) * 8) / 1000 / seconds,
        qualityLimitation: layer.limitation,
      }))
      .sort((a, b) => a.width - b.width);
  } finally {
    await viewer.context.close();
    await publisher.context.close();
  }
}
