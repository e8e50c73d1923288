/**
 * Hand-made media parameters, shaped like what a browser's mediasoup-client sends, with payload
 * types and header extension ids taken from the router's capabilities so they stay in sync with
 * `media/codecs.ts`.
 */
import type {
  DtlsParameters,
  MediaKind,
  RtpCapabilities,
  RtpCodecCapability,
  RtpHeaderExtensionParameters,
  RtpParameters,
} from 'mediasoup-client/types';

const MID = 'urn:ietf:params:rtp-hdrext:sdes:mid';
const RID = 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id';
const RRID = 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id';
const ABS_SEND_TIME = 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time';
const AUDIO_LEVEL = 'urn:ietf:params:rtp-hdrext:ssrc-audio-level';

/** The simulcast streams a camera sends, lowest first, as Chrome does. */
export const simulcastRids = ['r0', 'r1', 'r2'] as const;

type CodecWithPt = RtpCodecCapability & { preferredPayloadType: number };

/** The router codec with this MIME type; throws if the router does not offer it. */
export function routerCodec(caps: RtpCapabilities, mimeType: string): CodecWithPt {
  const codec = caps.codecs?.find((c) => c.mimeType.toLowerCase() === mimeType.toLowerCase());
  if (codec?.preferredPayloadType === undefined) throw new Error(`the router offers no ${mimeType}`);
  return codec as CodecWithPt;
}

function rtxFor(caps: RtpCapabilities, payloadType: number): CodecWithPt {
  const rtx = caps.codecs?.find((c) => c.mimeType.toLowerCase().endsWith('/rtx') && c.parameters?.apt === payloadType);
  if (rtx?.preferredPayloadType === undefined) throw new Error(`the router offers no RTX for payload type ${payloadType}`);
  return rtx as CodecWithPt;
}

function extensions(caps: RtpCapabilities, kind: MediaKind, uris: string[]): RtpHeaderExtensionParameters[] {
  return uris.map((uri) => {
    const ext = caps.headerExtensions?.find((e) => e.kind === kind && e.uri === uri);
    if (!ext) throw new Error(`the router offers no ${kind} header extension ${uri}`);
    return { uri: ext.uri, id: ext.preferredId };
  });
}

/** One Opus stream with FEC and DTX, as a microphone track. */
export function opusParameters(caps: RtpCapabilities, options: { mid: string; ssrc: number }): RtpParameters {
  const opus = routerCodec(caps, 'audio/opus');
  return {
    mid: options.mid,
    codecs: [
      {
        mimeType: opus.mimeType,
        payloadType: opus.preferredPayloadType,
        clockRate: opus.clockRate,
        channels: 2,
        parameters: { useinbandfec: 1, usedtx: 1 },
        rtcpFeedback: [],
      },
    ],
    headerExtensions: extensions(caps, 'audio', [MID, ABS_SEND_TIME, AUDIO_LEVEL]),
    encodings: [{ ssrc: options.ssrc, dtx: true }],
    rtcp: { cname: `cname-${options.mid}`, reducedSize: true },
  };
}

function vp8Codecs(caps: RtpCapabilities): RtpParameters['codecs'] {
  const vp8 = routerCodec(caps, 'video/VP8');
  const rtx = rtxFor(caps, vp8.preferredPayloadType);
  return [
    {
      mimeType: vp8.mimeType,
      payloadType: vp8.preferredPayloadType,
      clockRate: vp8.clockRate,
      parameters: {},
      rtcpFeedback: [{ type: 'goog-remb' }, { type: 'ccm', parameter: 'fir' }, { type: 'nack' }, { type: 'nack', parameter: 'pli' }],
    },
    { mimeType: rtx.mimeType, payloadType: rtx.preferredPayloadType, clockRate: rtx.clockRate, parameters: { apt: vp8.preferredPayloadType }, rtcpFeedback: [] },
  ];
}

/** VP8 in three rid-identified simulcast streams with three temporal layers each, as a camera. */
export function vp8SimulcastParameters(caps: RtpCapabilities, options: { mid: string }): RtpParameters {
  return {
    mid: options.mid,
    codecs: vp8Codecs(caps),
    headerExtensions: extensions(caps, 'video', [MID, RID, RRID, ABS_SEND_TIME]),
    encodings: simulcastRids.map((rid, index) => ({ rid, scalabilityMode: 'L1T3', maxBitrate: 150_000 * 3 ** index })),
    rtcp: { cname: `cname-${options.mid}`, reducedSize: true },
  };
}

/** VP8 in one SSRC-identified stream with RTX, as a screen share. */
export function vp8SingleParameters(caps: RtpCapabilities, options: { mid: string; ssrc: number }): RtpParameters {
  return {
    mid: options.mid,
    codecs: vp8Codecs(caps),
    headerExtensions: extensions(caps, 'video', [MID, ABS_SEND_TIME]),
    encodings: [{ ssrc: options.ssrc, rtx: { ssrc: options.ssrc + 1 } }],
    rtcp: { cname: `cname-${options.mid}`, reducedSize: true },
  };
}

/** Client DTLS parameters; mediasoup checks their form, not that a real DTLS stack owns them. */
export const clientDtlsParameters: DtlsParameters = {
  role: 'client',
  fingerprints: [
    {
      algorithm: 'sha-256',
      value: Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':'),
    },
  ],
};

/** Kind and parameters a browser would send for `source`; `n` keeps mids and SSRCs apart. */
export function trackFor(
  source: 'camera' | 'microphone' | 'screen' | 'screenAudio',
  caps: RtpCapabilities,
  n: number,
): { kind: MediaKind; rtpParameters: RtpParameters } {
  const mid = String(n);
  const ssrc = 10_000 * (n + 1);
  switch (source) {
    case 'microphone':
    case 'screenAudio':
      return { kind: 'audio', rtpParameters: opusParameters(caps, { mid, ssrc }) };
    case 'camera':
      return { kind: 'video', rtpParameters: vp8SimulcastParameters(caps, { mid }) };
    case 'screen':
      return { kind: 'video', rtpParameters: vp8SingleParameters(caps, { mid, ssrc }) };
  }
}
