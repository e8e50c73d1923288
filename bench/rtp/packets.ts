/**
 * Synthetic RTP as a camera and a microphone would send it: VP8 frames split into ~1100-byte
 * packets with a valid payload descriptor (key frames marked as such, so an SFU starts forwarding
 * on them), and one Opus-sized packet per 20 ms. The marker bit ends every frame (and every audio
 * packet), which lets the sink map rewritten sequence numbers back to the generator's.
 */

export const RTP_HEADER_BYTES = 12;

export interface RtpHeader {
  payloadType: number;
  marker: boolean;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

export function writeHeader(buffer: Buffer, header: RtpHeader): void {
  buffer[0] = 0x80; // version 2, no padding, no extension, no CSRC
  buffer[1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  buffer.writeUInt16BE(header.sequenceNumber & 0xffff, 2);
  buffer.writeUInt32BE(header.timestamp >>> 0, 4);
  buffer.writeUInt32BE(header.ssrc >>> 0, 8);
}

/** Fills `payload` as a VP8 packet: descriptor with picture id, and a frame header when it starts one. */
export function writeVp8Payload(payload: Buffer, options: { start: boolean; keyFrame: boolean; pictureId: number; width?: number; height?: number }): void {
  payload.fill(0x5a);
  payload[0] = 0x80 | (options.start ? 0x10 : 0); // X=1, S=start of partition 0, PID=0
  payload[1] = 0x80; // I: picture id present
  payload[2] = 0x80 | ((options.pictureId >> 8) & 0x7f); // M=1: 15-bit picture id
  payload[3] = options.pictureId & 0xff;
  if (!options.start) return;
  // VP8 frame header (RFC 6386 9.1): P bit 0 for key frames, show_frame 1.
  payload[4] = options.keyFrame ? 0x10 : 0x11;
  payload[5] = 0x00;
  payload[6] = 0x00;
  if (options.keyFrame) {
    payload[7] = 0x9d; // key frame start code
    payload[8] = 0x01;
    payload[9] = 0x2a;
    payload.writeUInt16LE(options.width ?? 1280, 10);
    payload.writeUInt16LE(options.height ?? 720, 12);
  }
}

/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

/**
 * An RTCP sender report (RFC 3550 6.4.1) without report blocks: the NTP wallclock of `rtpTimestamp`
 * and what was sent. mediasoup switches a simulcast consumer between layers only once every
 * layer has one, since that is how it aligns their timestamps.
 */
export function senderReport(options: { ssrc: number; wallclockMs: number; rtpTimestamp: number; packets: number; octets: number }): Buffer {
  const packet = Buffer.alloc(28);
  packet[0] = 0x80; // version 2, no report blocks
  packet[1] = 200;
  packet.writeUInt16BE(6, 2); // length in 32-bit words minus one
  packet.writeUInt32BE(options.ssrc >>> 0, 4);
  const seconds = Math.floor(options.wallclockMs / 1000);
  packet.writeUInt32BE((seconds + NTP_UNIX_OFFSET_S) >>> 0, 8);
  packet.writeUInt32BE(Math.floor(((options.wallclockMs - seconds * 1000) / 1000) * 2 ** 32) >>> 0, 12);
  packet.writeUInt32BE(options.rtpTimestamp >>> 0, 16);
  packet.writeUInt32BE(options.packets >>> 0, 20);
  packet.writeUInt32BE(options.octets >>> 0, 24);
  return packet;
}

/** True when the second byte is an RTCP packet type (200-207), which the sinks skip. */
export function isRtcp(packet: Buffer): boolean {
  const type = packet[1] ?? 0;
  return type >= 200 && type <= 207;
}
