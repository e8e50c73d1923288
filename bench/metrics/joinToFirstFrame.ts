import type { Browser } from '@playwright/test';
import { barePairFirstFrame } from '../browser/barePair';
import { LOCAL_ORIGIN, newPage, serveLocally } from '../browser/chromium';
import { repeat, withBrowserLab } from '../browser/lab';
import { BenchError, BenchErrorCode } from '../lib/errors';
import { median, quantile, round } from '../lib/stats';
import { measureJanusJoins } from '../janus/janusJoins';
import type { JanusSeries } from '../janus/janusJoins';
import { phaseNames } from '../parley/joinProbe';
import { measureParleyJoins, type ParleyJoinSample } from '../parley/parleyJoins';
import type { MetricModule, ResultRow } from '../types';

export interface JoinData {
  parley: { samples: ParleyJoinSample[]; failures: number };
  bare: { samples: number[]; failures: number };
  /** Cold: timed from creating the Janus session; warm: from the subscribe request, the session made before. */
  janus: { cold: JanusSeries; warm: JanusSeries } | { skipped: string };
}

async function measureBare(browser: Browser, joins: number, log: (line: string) => void): Promise<{ samples: number[]; failures: number }> {
  const { context, page } = await newPage(browser);
  try {
    await serveLocally(context, { 'bare.html': { body: '<!doctype html><title>bare pair</title><body></body>', contentType: 'text/html' } });
    await page.goto(`${LOCAL_ORIGIN}/bare.html`);
    // One untimed pair first: it starts the camera, which Parley's pre-join screen has running already.
    await barePairFirstFrame(page);
    const { values, failures } = await repeat(joins, () => barePairFirstFrame(page), log);
    return { samples: values, failures };
  } finally {
    await context.close();
  }
}

/** Metric 4: join to first decoded remote frame, Parley against a bare pair and Janus, same run. */
export const joinToFirstFrameMetric: MetricModule<JoinData> = {
  id: 'joinToFirstFrame',
  title: '4. Join to first frame (Chromium, fake camera, median of the joins)',
  async run(ctx) {
    // 20 a side: the medians of 10 moved by +-15 ms from run to run, about the gap being measured.
    const joins = ctx.quick ? 3 : 20;
    const data = await withBrowserLab(ctx, async (browser, net) => {
      ctx.log(`join to first frame: Parley, ${joins} joins`);
      const parley = await measureParleyJoins(browser, net, joins, ctx.log);
      ctx.log(`join to first frame: bare RTCPeerConnection pair, ${joins} joins`);
      const bare = await measureBare(browser, joins, ctx.log);
      let janus: JoinData['janus'];
      if (ctx.tools.janus.ok) {
        ctx.log(`join to first frame: Janus VideoRoom subscriber, ${joins} joins cold and ${joins} warm`);
        janus = await measureJanusJoins(browser, net, ctx.tools.janus, joins, ctx.log);
      } else {
        janus = { skipped: ctx.tools.janus.reason };
      }
      return { parley, bare, janus };
    });
    if (data.parley.samples.length === 0) throw new BenchError(BenchErrorCode.NoMedia, 'no Parley join reached a decoded frame');
    const parleyTotals = data.parley.samples.map((s) => s.total);
    const parleyMedian = median(parleyTotals);
    const bareMedian = median(data.bare.samples);
    const rows: ResultRow[] = [
      { name: 'Parley: Join click -> first decoded remote frame, median', value: round(parleyMedian), unit: 'ms', note: `p90 ${round(quantile(parleyTotals, 0.9))} ms over ${parleyTotals.length} joins` },
      { name: 'bare RTCPeerConnection pair, one page -> first decoded frame, median', value: round(bareMedian), unit: 'ms', note: `over ${data.bare.samples.length} pairs` },
      { name: 'Parley / bare pair', value: round(parleyMedian / bareMedian), unit: 'ratio' },
    ];
    const janus = 'cold' in data.janus ? data.janus : null;
    if (janus && janus.cold.samples.length > 0) {
      const janusMedian = median(janus.cold.samples.map((s) => s.total));
      rows.push(
        { name: 'Janus VideoRoom subscriber (WebSocket) -> first decoded frame, median', value: round(janusMedian), unit: 'ms', note: `over ${janus.cold.samples.length} joins; session ${round(median(janus.cold.samples.map((s) => s.sessionCreated)))} ms, WebRTC up ${round(median(janus.cold.samples.map((s) => s.webrtcUp)))} ms` },
        { name: 'Parley / Janus', value: round(parleyMedian / janusMedian), unit: 'ratio' },
      );
    } else {
      rows.push({ name: 'Janus VideoRoom subscriber -> first decoded frame', value: null, unit: 'ms', note: janus ? 'no Janus join completed' : (data.janus as { skipped: string }).skipped });
    }
    if (janus && janus.warm.samples.length > 0) {
      const warmMedian = median(janus.warm.samples.map((s) => s.total));
      rows.push(
        { name: 'Janus subscriber, session made ahead (subscribe request -> first decoded frame), median', value: round(warmMedian), unit: 'ms', note: `over ${janus.warm.samples.length} joins; WebRTC up ${round(median(janus.warm.samples.map((s) => s.webrtcUp)))} ms` },
        { name: 'Parley / Janus, both with signaling open before the start', value: round(parleyMedian / warmMedian), unit: 'ratio' },
      );
    }
    for (const phase of phaseNames) {
      rows.push({ name: `Parley phase: ${phase}, median`, value: round(median(data.parley.samples.map((s) => s.phases[phase]))), unit: 'ms' });
    }
    return {
      rows,
      data,
      notes: [
        'Chromium (headless, fake 720p camera) runs in one network namespace, the servers in another, joined by a veth pair (Janus runs ICE only on a non-loopback interface); the bare pair runs inside the client namespace on its veth address.',
        'Parley joiners and Janus subscribers only receive (Parley: camera off and microphone muted on the pre-join screen); the publisher sends 720p VP8 in three simulcast layers (Parley 1500/500/150 kbit/s; Janus capped the same) plus Opus. The bare pair sends one 720p stream.',
        'Start points: Parley the Join click (the page and pre-join screen already loaded; while it shows, the client learns what the browser can send and receive, opens the signaling socket and asks the room\'s router capabilities, as a real pre-join screen does; nothing makes the joiner a participant before the click), Janus cold `new Janus()` (janus.js loaded and initialised), Janus warm the subscribe request (session and plugin handle made before: the like-for-like comparison with Parley), the bare pair creating its two connections. End: first getStats with framesDecoded > 0 (polled every 10 ms).',
        'Parley phases, each from the previous milestone: signaling connect (WebSocket open: 0 when the pre-join screen opened it), transports (router capabilities unless asked ahead, device load, and the join, whose answer brings both transports and the consumers; with an older server, both createWebRtcTransport answers), ICE + DTLS (the receiving connection "connected"), first RTP (video packetsReceived > 0, mediasoup\'s padding-only bandwidth probe left out), first key frame (framesReceived > 0: a VP8 receiver assembles nothing before a key frame), decode (framesDecoded > 0). Each join\'s requests and milestones are in the JSON (`timeline`).',
        'The publisher is alone between joins, so dynacast has paused its camera; a joiner wakes it (Janus keeps forwarding everything it receives, so its publisher never pauses).',
        'No scheduling boost here: other work on the machine during the run slows all three alike, within the spread of the joins.',
      ],
    };
  },
};
