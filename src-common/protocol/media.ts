/**
 * Schemas for the mediasoup structures that cross the signaling channel.
 *
 * These check shape and size only (so a hostile client cannot hand the SFU a 10 MB codec list or
 * a string where an object belongs); the semantics of RTP parameters are checked by mediasoup
 * itself, whose refusals the server maps to `MEDIA_REJECTED`. The inferred types are replaced by
 * mediasoup-client's own, which both sides already speak.
 */
import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  RtpCapabilities,
  RtpParameters,
} from 'mediasoup-client/types';
import { z } from 'zod';

const shortString = z.string().max(128);

const rtcpFeedback = z.looseObject({ type: shortString, parameter: shortString.optional() });
const codecParameters = z.record(shortString, z.union([z.string().max(256), z.number()]));

const codecCapability = z.looseObject({
  kind: z.enum(['audio', 'video']),
  mimeType: shortString,
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const headerExtensionCapability = z.looseObject({
  kind: z.enum(['audio', 'video']),
  uri: z.string().max(256),
  preferredId: z.number().int(),
});

/** Shape of `RtpCapabilities`; mediasoup validates the rest. */
export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(codecCapability).max(64).optional(),
  headerExtensions: z.array(headerExtensionCapability).max(64).optional(),
}) as unknown as z.ZodType<RtpCapabilities>;

const codecParametersEntry = z.looseObject({
  mimeType: shortString,
  payloadType: z.number().int().min(0).max(127),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  parameters: codecParameters.optional(),
  rtcpFeedback: z.array(rtcpFeedback).max(32).optional(),
});

const encoding = z.looseObject({
  ssrc: z.number().int().nonnegative().optional(),
  rid: shortString.optional(),
  scalabilityMode: shortString.optional(),
  maxBitrate: z.number().nonnegative().optional(),
});

/** Shape of `RtpParameters`; mediasoup validates the rest. */
export const rtpParametersSchema = z.looseObject({
  mid: shortString.optional(),
  codecs: z.array(codecParametersEntry).min(1).max(16),
  headerExtensions: z.array(z.looseObject({ uri: z.string().max(256), id: z.number().int() })).max(32).optional(),
  encodings: z.array(encoding).max(8).optional(),
  rtcp: z.looseObject({ cname: shortString.optional() }).optional(),
}) as unknown as z.ZodType<RtpParameters>;

/** Shape of `DtlsParameters`. */
export const dtlsParametersSchema = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(z.looseObject({ algorithm: shortString, value: z.string().max(256) }))
    .min(1)
    .max(8),
}) as unknown as z.ZodType<DtlsParameters>;

export type { DtlsParameters, IceCandidate, IceParameters, RtpCapabilities, RtpParameters };
