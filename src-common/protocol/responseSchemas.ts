/**
 * Runtime schemas of what the server answers, one per request method, so a client checks every
 * answer on arrival. They follow what the server really sends and stay lenient where leniency
 * costs nothing: objects keep fields this version does not know (a newer server may add some),
 * numbers are not narrowed beyond what a client relies on. A schema that is stricter than the
 * server drops real messages, which is worse than the malformed message it guards against.
 */
import { z } from 'zod';
import type { ChatMessageId, ChatResponseData } from './chat';
import { knockIdSchema, type LobbyResponseData } from './lobby';
import type { ModerationResponseData } from './moderation';
import type { ResumeResponseData } from './resume';
import { dtlsParametersSchema, rtpCapabilitiesSchema, rtpParametersSchema, type IceCandidate, type IceParameters } from './media';
import { mediaSourceSchema, serverFeatures, type Method, type ResponseData, type ServerFeature } from './requests';
import { roleSchema } from './roles';
import { consumerIdSchema, peerIdSchema, producerIdSchema, roomIdSchema, transportIdSchema } from '../validation';

/** A schema whose output is exactly `T` (checked at compile time against the protocol's interfaces). */
export type SchemaOf<T> = z.ZodType<T, unknown>;

/** Answers without content: whatever object comes is fine, none of it is read. */
const empty: SchemaOf<Record<string, never>> = z.looseObject({}).transform((): Record<string, never> => ({}));

const text = z.string().max(10_000);
const nullablePeerId = peerIdSchema.nullable();

export const producerInfoSchema = z.looseObject({
  producerId: producerIdSchema,
  kind: z.enum(['audio', 'video']),
  source: mediaSourceSchema,
  paused: z.boolean(),
});

export const peerInfoSchema = z.looseObject({
  peerId: peerIdSchema,
  displayName: text,
  role: roleSchema,
  producers: z.array(producerInfoSchema),
  reconnecting: z.boolean().exactOptional(),
});

export const chatMessageSchema = z.looseObject({
  messageId: z.string().min(1).max(64).transform((s) => s as ChatMessageId),
  seq: z.number(),
  from: peerIdSchema,
  fromName: text,
  to: nullablePeerId,
  text,
  sentAt: z.number(),
});

export const raisedHandSchema = z.looseObject({ peerId: peerIdSchema, raisedAt: z.number() });

export const knockSchema = z.looseObject({ knockId: knockIdSchema, displayName: text, since: z.number() });

/** The admission as the server reports it (the passcode was checked when it was set). */
export const admissionReportSchema = z.discriminatedUnion('mode', [
  z.looseObject({ mode: z.literal('lobby') }),
  z.looseObject({ mode: z.literal('open') }),
  z.looseObject({ mode: z.literal('passcode'), passcode: z.string().max(64) }),
]);

const iceParametersSchema = z.looseObject({ usernameFragment: z.string(), password: z.string(), iceLite: z.boolean().optional() }) as unknown as z.ZodType<IceParameters>;
const iceCandidateSchema = z.looseObject({
  foundation: z.string(),
  priority: z.number(),
  address: z.string().optional(),
  ip: z.string().optional(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number(),
  type: z.string(),
}) as unknown as z.ZodType<IceCandidate>;

const transportOptionsSchema = z.looseObject({
  transportId: transportIdSchema,
  iceParameters: iceParametersSchema,
  iceCandidates: z.array(iceCandidateSchema),
  dtlsParameters: dtlsParametersSchema,
});

const consumerOptionsSchema = z.looseObject({
  consumerId: consumerIdSchema,
  producerId: producerIdSchema,
  peerId: peerIdSchema,
  kind: z.enum(['audio', 'video']),
  rtpParameters: rtpParametersSchema,
  type: z.enum(['simple', 'simulcast', 'svc', 'pipe']),
  producerPaused: z.boolean(),
});

const coreResponseSchemas = {
  // Features this client does not know are dropped, not refused: a newer server may list more.
  getRouterRtpCapabilities: z.looseObject({
    routerRtpCapabilities: rtpCapabilitiesSchema,
    features: z
      .array(z.string().max(64))
      .max(64)
      .optional()
      .transform((list) => list?.filter((name): name is ServerFeature => (serverFeatures as readonly string[]).includes(name))),
  }),
  join: z.looseObject({
    peerId: peerIdSchema,
    role: roleSchema,
    sessionToken: z.string(),
    peers: z.array(peerInfoSchema),
    activeSpeakerId: nullablePeerId,
    transports: z.looseObject({ send: transportOptionsSchema.optional(), recv: transportOptionsSchema.optional() }).optional(),
    consumers: z.array(consumerOptionsSchema).optional(),
  }),
  createWebRtcTransport: transportOptionsSchema,
  connectWebRtcTransport: empty,
  restartIce: z.looseObject({ iceParameters: iceParametersSchema }),
  produce: z.looseObject({ producerId: producerIdSchema }),
  closeProducer: empty,
  pauseProducer: empty,
  resumeProducer: empty,
  consume: consumerOptionsSchema,
  resumeConsumer: empty,
  pauseConsumer: empty,
  setConsumerPreferredLayers: empty,
  setConsumerView: empty,
  leave: empty,
};

const chatResponseSchemas: { [M in keyof ChatResponseData]: SchemaOf<ChatResponseData[M]> } = {
  sendChat: z.looseObject({ message: chatMessageSchema }),
  raiseHand: empty,
  lowerHand: empty,
  lowerAllHands: empty,
  sendReaction: empty,
  getMeetingState: z.looseObject({ messages: z.array(chatMessageSchema), hands: z.array(raisedHandSchema), locked: z.boolean(), meetingName: z.string().max(256).optional() }),
};

const lobbyResponseSchemas: { [M in keyof LobbyResponseData]: SchemaOf<LobbyResponseData[M]> } = {
  enterMeeting: z.discriminatedUnion('status', [
    z.looseObject({ status: z.literal('admitted'), roomId: roomIdSchema, sessionToken: z.string(), meetingName: text }),
    z.looseObject({ status: z.literal('waiting'), meetingName: text }),
  ]),
  lookupMeeting: z.looseObject({ meetingName: z.string().max(256).nullable() }),
  admitKnock: empty,
  denyKnock: empty,
  setAdmission: empty,
  getLobby: z.looseObject({ knocks: z.array(knockSchema), admission: admissionReportSchema, code: z.string() }),
};

const moderationResponseSchemas: { [M in keyof ModerationResponseData]: SchemaOf<ModerationResponseData[M]> } = {
  muteParticipant: empty,
  muteEveryone: empty,
  stopMedia: empty,
  removeParticipant: empty,
  lockRoom: empty,
  setRole: empty,
  endMeeting: empty,
};

const resumeResponseSchemas: { [M in keyof ResumeResponseData]: SchemaOf<ResumeResponseData[M]> } = {
  ping: empty,
  resume: z.looseObject({
    peerId: peerIdSchema,
    role: roleSchema,
    sessionToken: z.string(),
    peers: z.array(peerInfoSchema),
    activeSpeakerId: nullablePeerId,
    transportIds: z.array(transportIdSchema),
    producerLayersWanted: z.array(z.looseObject({ producerId: producerIdSchema, spatialLayer: z.number().nullable() })),
  }),
};

/** The schema of each method's answer; a method without one does not compile. */
export const responseSchemas: { [M in Method]: SchemaOf<ResponseData[M]> } = {
  ...coreResponseSchemas,
  ...chatResponseSchemas,
  ...lobbyResponseSchemas,
  ...moderationResponseSchemas,
  ...resumeResponseSchemas,
};
