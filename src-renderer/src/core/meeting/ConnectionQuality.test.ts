import { describe, expect, it } from 'vitest';
import type { PeerId } from '../../../../src-common/ids';
import type { RemoteParticipant } from '../media/Participants';
import { barsFor, between, ConnectionQuality, inboundCounters, outboundCounters, transportRtt } from './ConnectionQuality';

const report = (stats: Array<Record<string, unknown>>) => new Map(stats.map((s, i) => [String(i), s])) as unknown as RTCStatsReport;
const pair = (rtt: number) => ({ type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: rtt });
const inboundRtp = (track: string, bytes: number, packets: number, lost: number, at: number) => ({
  type: 'inbound-rtp',
  trackIdentifier: track,
  bytesReceived: bytes,
  packetsReceived: packets,
  packetsLost: lost,
  timestamp: at,
});

describe('connection quality', () => {
  it.each([
    [{ lossPercent: 0, rttMs: 20 }, 3],
    [{ lossPercent: 1.9, rttMs: 149 }, 3],
    [{ lossPercent: 3, rttMs: 20 }, 2],
    [{ lossPercent: 0, rttMs: 250 }, 2],
    [{ lossPercent: 12, rttMs: 20 }, 1],
    [{ lossPercent: 0, rttMs: 800 }, 1],
    [{ lossPercent: null, rttMs: null }, 0],
  ])('gives %o %i bars', (stats, bars) => {
    expect(barsFor({ ...stats, bitrateKbps: 0 })).toBe(bars);
  });

  it('reads the selected pair’s round trip, and loss and bitrate between two samples', () => {
    expect(transportRtt(report([{ type: 'candidate-pair', nominated: false, state: 'succeeded', currentRoundTripTime: 9 }, pair(0.042)]))).toBeCloseTo(42);
    const ids = new Set(['a1', 'a2']);
    const first = inboundCounters(report([inboundRtp('a1', 1000, 100, 0, 1000), inboundRtp('a2', 1000, 100, 0, 1000), inboundRtp('other', 9e9, 9, 9, 1000)]), ids)!;
    const second = inboundCounters(report([inboundRtp('a1', 26_000, 195, 5, 3000), inboundRtp('a2', 1000, 100, 0, 3000)]), ids)!;
    expect(between(first, second)).toEqual({ lossPercent: 5, bitrateKbps: 100 });
    expect(between(undefined, second)).toEqual({ lossPercent: null, bitrateKbps: null });
    expect(inboundCounters(report([inboundRtp('x', 1, 1, 0, 1)]), ids)).toBeNull();
  });

  it('counts what the local user sends, with the loss the server reports back', () => {
    const sent = outboundCounters(report([{ type: 'outbound-rtp', bytesSent: 500, packetsSent: 50, timestamp: 10 }, { type: 'remote-inbound-rtp', packetsLost: 2 }]));
    expect(sent).toEqual({ bytes: 500, packets: 50, lost: 2, at: 10 });
  });

  it('keeps per-person quality from the transports’ stats, sample after sample', async () => {
    const ben = { peerId: 'ben' as PeerId, displayName: 'Ben', role: 'participant', tracks: { microphone: { id: 'ben-mic' } }, consumerIds: {}, published: {} } as unknown as RemoteParticipant;
    let t = 0;
    const source = {
      state: { get: () => ({ localPeerId: 'me' as PeerId, participants: [ben] }) },
      transportStats: async () => {
        t++;
        return {
          recv: report([pair(0.03), inboundRtp('ben-mic', t * 10_000, t * 100, t === 2 ? 25 : 0, t * 1000)]),
          send: report([pair(0.03), { type: 'outbound-rtp', bytesSent: t * 5000, packetsSent: t * 50, timestamp: t * 1000 }]),
        };
      },
    };
    const quality = new ConnectionQuality(source);
    await quality.sample();
    expect(quality.state.get().get('ben' as PeerId)).toMatchObject({ bars: 3, lossPercent: null, bitrateKbps: null });
    await quality.sample();
    expect(quality.state.get().get('ben' as PeerId)).toMatchObject({ bars: 1, lossPercent: 20, bitrateKbps: 80 });
    expect(quality.state.get().get('me' as PeerId)).toMatchObject({ bars: 3, lossPercent: 0, bitrateKbps: 40 });
    quality.close();
    quality.close();
  });
});
