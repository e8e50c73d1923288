/**
 * Client -> server requests. Each entry is the runtime schema of the request's data; the matching
 * response type is in {@link ResponseData}. The server's handler map is a mapped type over
 * {@link Method}, so adding a method here without a handler fails to compile.
 */
import { z } from 'zod';
import type { ConsumerId, PeerId, ProducerId, TransportId } from '../ids';
import {
  consumerIdSchema,
  displayNameSchema,
  producerIdSchema,
  roomIdSchema,
  sessionTokenSchema,
  transportIdSchema,
} from '../validation';
import {
  dtlsParametersSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  type IceCandidate,
  type IceParameters,
  type DtlsParameters,
  type RtpCapabilities,
  type RtpParameters,
} from './media';
import type { PeerInfo } from './notifications';
import type { Role } from './roles';
import { chatRequestSchemas, type ChatResponseData } from './chat';
import { moderationRequestSchemas, type ModerationResponseData } from './moderation';
import { lobbyRequestSchemas, type LobbyResponseData } from './lobby';
import { resumeRequestSchemas, type ResumeResponseData } from './resume';

/** What a producer carries; a peer has at most one producer per source. */
export const mediaSourceSchema = z.enum(['camera', 'microphone', 'screen', 'screenAudio']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

export { sessionTokenSchema } from '../validation';

/** The kind of track each source carries. */
export const SOURCE_KIND: Readonly<Record<MediaSource, 'audio' | 'video'>> = {
  camera: 'video',
  microphone: 'audio',
  screen: 'video',
  screenAudio: 'audio',
};

/**
 * mediasoup takes `kind` on trust: without this, a `video` producer with an Opus codec (or a
 * microphone that claims to be video) is accepted and confuses every consumer of it.
 */
function checkProduceConsistency(
  request: { kind: 'audio' | 'video'; source: MediaSource; rtpParameters: RtpParameters; layers?: unknown },
  context: z.RefinementCtx,
): void {
  if (SOURCE_KIND[request.source] !== request.kind) {
    context.addIssue({ code: 'custom', path: ['kind'], message: `a ${request.source} track is ${SOURCE_KIND[request.source]}, not ${request.kind}` });
  }
  for (const [index, codec] of request.rtpParameters.codecs.entries()) {
    if (!codec.mimeType.toLowerCase().startsWith(`${request.kind}/`)) {
      context.addIssue({ code: 'custom', path: ['rtpParameters', 'codecs', index, 'mimeType'], message: `${codec.mimeType} is not a ${request.kind} codec` });
    }
  }
  if (request.kind === 'audio' && request.layers !== undefined) {
    context.addIssue({ code: 'custom', path: ['layers'], message: 'audio has no video layers' });
  }
}

const pixels = z.number().int().min(0).max(16384);

/** Size of one simulcast layer as the publisher encodes it, lowest layer first. */
export const videoLayerSchema = z.strictObject({ width: pixels, height: pixels });
export type VideoLayer = z.infer<typeof videoLayerSchema>;

/**
 * How a receiver shows one consumer: the size it is drawn at in device pixels (CSS size x
 * devicePixelRatio) and whether anyone can see it. The server turns this into layers, priority,
 * pause/resume and dynacast.
 */
export const consumerViewSchema = z.strictObject({
  consumerId: consumerIdSchema,
  visible: z.boolean(),
  width: pixels,
  height: pixels,
  /** The receiver pinned this tile (or it is its main stage): it keeps quality longest. */
  pinned: z.boolean().optional(),
});
export type ConsumerView = z.output<typeof consumerViewSchema>;

/** A view without its consumer: how a consumer that does not exist yet will be shown at first. */
export const initialViewSchema = consumerViewSchema.omit({ consumerId: true });
export type InitialView = z.output<typeof initialViewSchema>;

/** Shown nowhere: a video consumer with this view sends nothing (until a tile shows it). */
export const HIDDEN_VIEW = Object.freeze({ visible: false, width: 0, height: 0, pinned: false }) satisfies InitialView;

export const requestSchemas = {
  /** Asks for the room's router capabilities; the only request allowed before `join`. */
  getRouterRtpCapabilities: z.strictObject({ roomId: roomIdSchema }),
  /**
   * Enters the room. The server issues the peer id and a session token; presenting that token on
   * a later `join` (same room, before it expires) returns as the same peer, with the same role.
   */
  join: z
    .strictObject({
      roomId: roomIdSchema,
      displayName: displayNameSchema,
      rtpCapabilities: rtpCapabilitiesSchema,
      sessionToken: sessionTokenSchema.optional(),
      /**
       * Also creates these transports and answers with them, as `createWebRtcTransport` would:
       * one round trip less on the way to the first frame.
       */
      transports: z.array(z.enum(['send', 'recv'])).max(2).optional(),
      /**
       * With a receive transport in `transports`: also consumes every producer in the answer's
       * `peers`, answered as `consumers`. They start as `consume` with `view` hidden makes them:
       * paused until `resumeConsumer`, and video sends nothing until a view shows it.
       */
      consumeExisting: z.boolean().optional(),
    })
    .superRefine((join, context) => {
      if (join.consumeExisting && !join.transports?.includes('recv')) {
        context.addIssue({ code: 'custom', path: ['consumeExisting'], message: 'consumeExisting needs a recv transport in transports' });
      }
      if (join.transports && new Set(join.transports).size !== join.transports.length) {
        context.addIssue({ code: 'custom', path: ['transports'], message: 'each direction at most once' });
      }
    }),
  /** Creates a WebRTC transport on the room's WebRtcServer, for sending or for receiving. */
  createWebRtcTransport: z.strictObject({ direction: z.enum(['send', 'recv']) }),
  /** Completes DTLS on one of the caller's transports. */
  connectWebRtcTransport: z.strictObject({ transportId: transportIdSchema, dtlsParameters: dtlsParametersSchema }),
  /** Starts an ICE restart on one of the caller's transports. */
  restartIce: z.strictObject({ transportId: transportIdSchema }),
  /** Publishes a track on the caller's send transport. */
  produce: z
    .strictObject({
      transportId: transportIdSchema,
      kind: z.enum(['audio', 'video']),
      rtpParameters: rtpParametersSchema,
      source: mediaSourceSchema,
      paused: z.boolean().optional(),
      /** For simulcast video: each encoding's size, lowest first, so views map to layers. */
      layers: z.array(videoLayerSchema).min(1).max(4).optional(),
    })
    .superRefine(checkProduceConsistency),
  /** Stops publishing one of the caller's producers. */
  closeProducer: z.strictObject({ producerId: producerIdSchema }),
  /** Mutes one of the caller's producers (no media is forwarded while paused). */
  pauseProducer: z.strictObject({ producerId: producerIdSchema }),
  /** Unmutes one of the caller's producers. */
  resumeProducer: z.strictObject({ producerId: producerIdSchema }),
  /**
   * Subscribes to another peer's producer; the consumer starts paused until `resumeConsumer`.
   * `view`: how it will be shown at first (e.g. hidden until a tile shows it), as if
   * `setConsumerView` had been sent: one round trip less than sending it afterwards.
   */
  consume: z.strictObject({ producerId: producerIdSchema, view: initialViewSchema.optional() }),
  /** Starts (or restarts) media on one of the caller's consumers. */
  resumeConsumer: z.strictObject({ consumerId: consumerIdSchema }),
  /** Stops media on one of the caller's consumers without closing it. */
  pauseConsumer: z.strictObject({ consumerId: consumerIdSchema }),
  /** Asks for a simulcast layer on one of the caller's video consumers. */
  setConsumerPreferredLayers: z.strictObject({
    consumerId: consumerIdSchema,
    spatialLayer: z.number().int().min(0).max(3),
    temporalLayer: z.number().int().min(0).max(3).optional(),
  }),
  /** Reports how the caller shows one of its consumers (size, visibility); see {@link ConsumerView}. */
  setConsumerView: consumerViewSchema,
  /** Leaves the room; everything the peer owned is released. */
  leave: z.strictObject({}),
  ...chatRequestSchemas,
  ...moderationRequestSchemas,
  ...lobbyRequestSchemas,
  ...resumeRequestSchemas,
} as const;

export type Method = keyof typeof requestSchemas;
export type RequestData<M extends Method> = z.output<(typeof requestSchemas)[M]>;
/** What a client may send: the schema's input type (before brands are applied). */
export type RequestInput<M extends Method> = z.input<(typeof requestSchemas)[M]>;

/**
 * Optional parts of the protocol a server announces with its router capabilities, so a newer
 * client still joins an older server (which refuses fields it does not know).
 * - `joinMedia`: `join` takes `transports` and `consumeExisting`, `consume` takes `view`.
 */
export const serverFeatures = ['joinMedia'] as const;
export type ServerFeature = (typeof serverFeatures)[number];

/** Transport parameters the client needs to build its side of a WebRTC transport. */
export interface TransportOptions {
  transportId: TransportId;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
}

/** What the client needs to create its side of a consumer. */
export interface ConsumerOptions {
  consumerId: ConsumerId;
  producerId: ProducerId;
  peerId: PeerId;
  kind: 'audio' | 'video';
  rtpParameters: RtpParameters;
  /** `simulcast` consumers accept preferred layers. */
  type: 'simple' | 'simulcast' | 'svc' | 'pipe';
  producerPaused: boolean;
}

export type ResponseData = CoreResponseData & ChatResponseData & ModerationResponseData & LobbyResponseData & ResumeResponseData;

interface CoreResponseData {
  getRouterRtpCapabilities: {
    routerRtpCapabilities: RtpCapabilities;
    /** What this server understands beyond the base protocol (an older server lists nothing). */
    features?: ServerFeature[] | undefined;
  };
  /** `activeSpeakerId`: who the room hears as dominant speaker right now, if anyone. */
  join: {
    peerId: PeerId;
    /** The caller's role in the room, decided by the server. */
    role: Role;
    /** Signed by the server (room, peer, role, expiry); present it to return as the same peer. */
    sessionToken: string;
    peers: PeerInfo[];
    activeSpeakerId: PeerId | null;
    /** The transports the join asked for. */
    transports?: { send?: TransportOptions | undefined; recv?: TransportOptions | undefined } | undefined;
    /** With `consumeExisting`: one consumer per producer listed in `peers`. */
    consumers?: ConsumerOptions[] | undefined;
  };
  createWebRtcTransport: TransportOptions;
  connectWebRtcTransport: Record<string, never>;
  restartIce: { iceParameters: IceParameters };
  produce: { producerId: ProducerId };
  closeProducer: Record<string, never>;
  pauseProducer: Record<string, never>;
  resumeProducer: Record<string, never>;
  consume: ConsumerOptions;
  resumeConsumer: Record<string, never>;
  pauseConsumer: Record<string, never>;
  setConsumerPreferredLayers: Record<string, never>;
  setConsumerView: Record<string, never>;
  leave: Record<string, never>;
}

/** Methods a connection may call before it has joined a room. */
export const preJoinMethods: ReadonlySet<Method> = new Set<Method>(['getRouterRtpCapabilities', 'join', 'enterMeeting', 'lookupMeeting', 'resume']);
