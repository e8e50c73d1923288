import type { SourceKind } from '../rtp/RtpSource';

/**
 * The two traffic shapes of the capacity test. Every subscriber consumes every source, so one
 * subscriber adds `sources` consumers and `sources * packetsPerSecond` out-packets/s.
 */
export interface Scenario {
  name: SourceKind;
  /** Producers (publishers) in the room. */
  sources: number;
  /** Bytes on the wire per packet, SRTP tag included. */
  packetBytes: number;
  bitrate: number;
  /** First subscriber count of the ramp. */
  firstSubscribers: number;
}

export const scenarios: Record<SourceKind, Scenario> = {
  // One-to-many camera: ~1 Mbit/s VP8 in ~1100-byte packets (~114 packets/s).
  video: { name: 'video', sources: 1, packetBytes: 1100, bitrate: 1_000_000, firstSubscribers: 40 },
  // A large audio room: 10 speakers at ~40 kbit/s Opus, 100-byte packets every 20 ms.
  audio: { name: 'audio', sources: 10, packetBytes: 100, bitrate: 40_000, firstSubscribers: 10 },
};

/** Packets per second one source emits (what the generator's pacing works out to). */
export function sourcePacketRate(scenario: Scenario): number {
  return scenario.name === 'audio' ? 50 : Math.max(30, scenario.bitrate / 8 / scenario.packetBytes);
}

/** SSRC of source `index`; spaced so a relay can add a destination index without collisions. */
export const sourceSsrc = (index: number): number => (0x10000000 + index * 0x10000) >>> 0;
