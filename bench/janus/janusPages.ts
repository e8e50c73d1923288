import type { Browser, BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { LOCAL_ORIGIN, newPage, serveLocally } from '../browser/chromium';
import { recordPeerConnections } from '../browser/pcs';
import { JANUS_ROOM } from './config';

export interface JanusParticipant {
  context: BrowserContext;
  page: Page;
}

/** Milestones of a subscriber join, ms from `new Janus()` (the WebSocket session). */
export interface JanusJoin {
  total: number;
  sessionCreated: number;
  offerReceived: number;
  webrtcUp: number;
}

const page = (): string => `<!doctype html><meta charset="utf-8"><title>janus bench</title>
<script src="adapter.js"></script><script src="janus.js"></script><body></body>`;

/** Opens a page with Debian's janus.js and adapter.js loaded and Janus.init done. */
export async function openJanusPage(browser: Browser, files: { janusJs: string; adapterJs: string }): Promise<JanusParticipant> {
  const { context, page: p } = await newPage(browser);
  await serveLocally(context, {
    'index.html': { body: page(), contentType: 'text/html' },
    'janus.js': { body: readFileSync(files.janusJs, 'utf8'), contentType: 'text/javascript' },
    'adapter.js': { body: readFileSync(files.adapterJs, 'utf8'), contentType: 'text/javascript' },
  });
  await p.addInitScript(recordPeerConnections);
  await p.goto(`${LOCAL_ORIGIN}/index.html`);
  await p.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const J = (window as unknown as { Janus: { init(o: object): void; useDefaultDependencies(): object } }).Janus;
        J.init({ debug: false, dependencies: J.useDefaultDependencies(), callback: () => resolve() });
      }),
  );
  return { context, page: p };
}

/**
 * Publishes the fake camera (720p capture, three simulcast layers capped like Parley's: 1500/500/150
 * kbit/s) and microphone into the room; resolves with the publisher's feed id once WebRTC is up.
 */
export function publish(participant: JanusParticipant, wsUrl: string, display: string): Promise<number> {
  return participant.page.evaluate(
    ({ wsUrl, room, display }) =>
      new Promise<number>((resolve, reject) => {
        type Handle = { send(o: object): void; createOffer(o: object): void; handleRemoteJsep(o: object): void };
        const J = (window as unknown as { Janus: new (o: object) => { attach(o: object): void } }).Janus;
        let feed = 0;
        const timer = setTimeout(() => reject(new Error('Janus publish timed out')), 20_000);
        const janus = new J({
          server: wsUrl,
          iceServers: [],
          error: (e: unknown) => reject(new Error(`Janus session: ${String(e)}`)),
          success: () =>
            janus.attach({
              plugin: 'janus.plugin.videoroom',
              error: (e: unknown) => reject(new Error(`attach: ${String(e)}`)),
              success: (h: Handle) => {
                (window as unknown as { __publisher: Handle }).__publisher = h;
                h.send({ message: { request: 'join', ptype: 'publisher', room, display } });
              },
              onmessage: (msg: { videoroom?: string; id?: number }, jsep?: object) => {
                const h = (window as unknown as { __publisher: Handle }).__publisher;
                if (msg.videoroom === 'joined' && msg.id !== undefined) {
                  feed = msg.id;
                  h.createOffer({
                    tracks: [
                      { type: 'audio', capture: true, recv: false },
                      {
                        type: 'video',
                        capture: { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } },
                        recv: false,
                        simulcast: true,
                        simulcastMaxBitrates: { high: 1_500_000, medium: 500_000, low: 150_000 },
                      },
                    ],
                    success: (offer: object) => h.send({ message: { request: 'configure', audio: true, video: true }, jsep: offer }),
                    error: (e: unknown) => reject(new Error(`createOffer: ${String(e)}`)),
                  });
                }
                if (jsep) h.handleRemoteJsep({ jsep });
              },
              webrtcState: (up: boolean) => {
                if (up) {
                  clearTimeout(timer);
                  resolve(feed);
                }
              },
            }),
        });
      }),
    { wsUrl, room: JANUS_ROOM, display },
  );
}

/**
 * Subscribes to `feeds` in a new Janus session (its own WebSocket) and waits for the first decoded
 * video frame (getStats every 10 ms, at most 15 s). Remote tracks play in <video> elements.
 * `warm`: the session and the plugin handle are made first and the clock starts at the subscribe
 * request, as Parley's clock starts with its signaling socket already open (see JoinWarmup).
 */
export function subscribe(participant: JanusParticipant, wsUrl: string, feeds: number[], warm = false): Promise<JanusJoin> {
  return participant.page.evaluate(
    ({ wsUrl, room, feeds, warm }) =>
      new Promise<JanusJoin>((resolve, reject) => {
        type Handle = { send(o: object): void; createAnswer(o: object): void; webrtcStuff: { pc?: RTCPeerConnection } };
        const J = (window as unknown as { Janus: new (o: object) => { attach(o: object): void } }).Janus;
        const marks = { sessionCreated: 0, offerReceived: 0, webrtcUp: 0 };
        let handle: Handle | undefined;
        const timer = setTimeout(() => reject(new Error('no decoded frame from Janus within 15 s')), 15_000);
        let t0 = performance.now();
        const poll = async (): Promise<void> => {
          for (let i = 0; i < 1500; i++) {
            const pc = handle?.webrtcStuff.pc;
            if (pc) {
              for (const stat of (await pc.getStats()).values()) {
                if (stat.type === 'inbound-rtp' && stat.kind === 'video' && (stat.framesDecoded ?? 0) > 0) {
                  clearTimeout(timer);
                  resolve({ total: performance.now() - t0, ...marks });
                  return;
                }
              }
            }
            await new Promise((r) => setTimeout(r, 10));
          }
        };
        const janus = new J({
          server: wsUrl,
          iceServers: [],
          error: (e: unknown) => reject(new Error(`Janus session: ${String(e)}`)),
          success: () => {
            marks.sessionCreated = performance.now() - t0;
            janus.attach({
              plugin: 'janus.plugin.videoroom',
              error: (e: unknown) => reject(new Error(`attach: ${String(e)}`)),
              success: (h: Handle) => {
                handle = h;
                if (warm) t0 = performance.now();
                h.send({ message: { request: 'join', ptype: 'subscriber', room, streams: feeds.map((feed) => ({ feed })) } });
                void poll();
              },
              onmessage: (_msg: object, jsep?: object) => {
                if (!jsep || !handle) return;
                marks.offerReceived ||= performance.now() - t0;
                const h = handle;
                h.createAnswer({
                  jsep,
                  tracks: [{ type: 'data' }],
                  success: (answer: object) => h.send({ message: { request: 'start', room }, jsep: answer }),
                  error: (e: unknown) => reject(new Error(`createAnswer: ${String(e)}`)),
                });
              },
              webrtcState: (up: boolean) => {
                if (up) marks.webrtcUp ||= performance.now() - t0;
              },
              onremotetrack: (track: MediaStreamTrack, _mid: string, added: boolean) => {
                if (!added) return;
                const element = document.createElement(track.kind === 'video' ? 'video' : 'audio');
                element.autoplay = true;
                element.muted = true;
                element.srcObject = new MediaStream([track]);
                document.body.append(element);
              },
            });
          },
        });
      }),
    { wsUrl, room: JANUS_ROOM, feeds, warm },
  );
}
