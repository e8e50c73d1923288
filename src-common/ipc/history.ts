/**
 * The local meeting history (desktop only): every meeting joined or hosted, who was there and
 * when, and its chat. Times are milliseconds since the epoch; main stamps the join/leave events
 * with its own clock, chat messages keep the server's timestamp.
 */
import { z } from 'zod';
import type { Brand } from '../ids';
import { displayNameSchema, peerIdSchema, roomIdSchema, serverUrlSchema } from '../validation';
import { defineContract, emptyInput, type EmptyInput } from './contract';

/** A meeting's row in the local history. */
export type MeetingId = Brand<number, 'MeetingId'>;
export const meetingIdSchema = z
  .number()
  .int()
  .positive()
  .max(Number.MAX_SAFE_INTEGER)
  .transform((n) => n as MeetingId);

const epochMs = z.number().int().nonnegative().max(8.64e15);

/** Chat messages longer than this are not kept (the chat issue sets the real, smaller limit). */
export const MAX_CHAT_TEXT = 4000;

export const meetingRoleSchema = z.enum(['guest', 'host']);
/** How a meeting ended: the user left, the session failed, or the app stopped mid-meeting. */
export const endReasonSchema = z.enum(['left', 'failed', 'interrupted']);
export type EndReason = z.infer<typeof endReasonSchema>;

export const startMeetingInput = z.strictObject({
  roomId: roomIdSchema,
  serverUrl: serverUrlSchema,
  /** The name the user joined under. */
  displayName: displayNameSchema,
  /** The user's own peer id in the meeting; recorded as the first participant. */
  selfPeerId: peerIdSchema,
  role: meetingRoleSchema,
});
export type StartMeetingInput = z.infer<typeof startMeetingInput>;

export const participantJoinedInput = z.strictObject({
  meetingId: meetingIdSchema,
  peerId: peerIdSchema,
  displayName: displayNameSchema,
});
export type ParticipantJoinedInput = z.infer<typeof participantJoinedInput>;

export const participantLeftInput = z.strictObject({ meetingId: meetingIdSchema, peerId: peerIdSchema });
export type ParticipantLeftInput = z.infer<typeof participantLeftInput>;

export const chatMessageInput = z.strictObject({
  meetingId: meetingIdSchema,
  /** Null for the user's own messages. */
  senderPeerId: peerIdSchema.nullable(),
  senderName: displayNameSchema,
  text: z.string().min(1).max(MAX_CHAT_TEXT),
  /** The server's timestamp. */
  sentAt: epochMs,
  /** A private message to or from the user (not seen by the room). */
  private: z.boolean(),
  /** The server's id of the message: recording the same message twice keeps it once. */
  messageId: z.string().min(1).max(64).optional(),
  /** Who a private message went to (the user, or the person the user wrote to). */
  recipientName: z.string().min(1).max(100).optional(),
});
export type ChatMessageInput = z.infer<typeof chatMessageInput>;

export const endMeetingInput = z.strictObject({
  meetingId: meetingIdSchema,
  reason: z.enum(['left', 'failed']),
});
export type EndMeetingInput = z.infer<typeof endMeetingInput>;

export const listMeetingsInput = z.strictObject({
  /** Matches room names, participant names and chat text, case-insensitively. */
  query: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  offset: z.number().int().nonnegative().optional(),
});
export type ListMeetingsInput = z.infer<typeof listMeetingsInput>;

export const meetingRefInput = z.strictObject({ meetingId: meetingIdSchema });
export type MeetingRefInput = z.infer<typeof meetingRefInput>;

export const meetingSummarySchema = z.strictObject({
  meetingId: meetingIdSchema,
  roomId: roomIdSchema,
  serverUrl: z.string(),
  displayName: z.string(),
  role: meetingRoleSchema,
  startedAt: epochMs,
  /** Null while the meeting is going on. */
  endedAt: epochMs.nullable(),
  endReason: endReasonSchema.nullable(),
  /** endedAt - startedAt; null while going on. */
  durationMs: z.number().int().nonnegative().nullable(),
  /** The other people seen, each name once, in order of first appearance. */
  participantNames: z.array(z.string()),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const participantRecordSchema = z.strictObject({
  peerId: z.string(),
  displayName: z.string(),
  isSelf: z.boolean(),
  joinedAt: epochMs,
  /** Null while still there. */
  leftAt: epochMs.nullable(),
});
export type ParticipantRecord = z.infer<typeof participantRecordSchema>;

export const chatRecordSchema = z.strictObject({
  senderPeerId: z.string().nullable(),
  senderName: z.string(),
  text: z.string(),
  sentAt: epochMs,
  private: z.boolean(),
  /** Who a private message went to; null for messages to everyone (and ones recorded before it was kept). */
  recipientName: z.string().nullable(),
});
export type ChatRecord = z.infer<typeof chatRecordSchema>;

export const meetingDetailsSchema = meetingSummarySchema.extend({
  /** One entry per presence: someone who left and came back appears twice. */
  participants: z.array(participantRecordSchema),
  chat: z.array(chatRecordSchema),
});
export type MeetingDetails = z.infer<typeof meetingDetailsSchema>;

/** Something the user should be told about their history, e.g. that a damaged file was replaced. */
export const historyNoticeSchema = z.strictObject({
  kind: z.literal('recovered-from-corruption'),
  message: z.string(),
  /** Where the damaged file was moved. */
  movedTo: z.string(),
});
export type HistoryNotice = z.infer<typeof historyNoticeSchema>;

/** The history of meetings on this machine; served by the main process. */
export interface HistoryService {
  /** Records that the user joined (or hosted) a meeting, with themself as first participant. */
  startMeeting(input: StartMeetingInput): Promise<MeetingId>;
  /** Someone else appeared in the meeting (also used for everyone already there at join). */
  participantJoined(input: ParticipantJoinedInput): Promise<void>;
  /** Someone else left; their open presence is closed. */
  participantLeft(input: ParticipantLeftInput): Promise<void>;
  /** Keeps one chat message of the meeting. */
  recordChatMessage(input: ChatMessageInput): Promise<void>;
  /** The user left or the session failed; closes every open presence. Ending twice is a no-op. */
  endMeeting(input: EndMeetingInput): Promise<void>;
  /** Meetings newest first, optionally filtered. */
  list(input: ListMeetingsInput): Promise<MeetingSummary[]>;
  /** One meeting with its participants and chat; NOT_FOUND when it does not exist. */
  get(input: MeetingRefInput): Promise<MeetingDetails>;
  /** Deletes one meeting with everything recorded about it; NOT_FOUND when it does not exist. */
  delete(input: MeetingRefInput): Promise<void>;
  /** Deletes every meeting; answers how many. */
  clear(input: EmptyInput): Promise<{ deleted: number }>;
  /** What the user should be told about the history file at this start, if anything. */
  getNotice(input: EmptyInput): Promise<HistoryNotice | null>;
}

export const historyContract = defineContract<HistoryService>()({
  startMeeting: { input: startMeetingInput, output: meetingIdSchema },
  participantJoined: { input: participantJoinedInput, output: z.void() },
  participantLeft: { input: participantLeftInput, output: z.void() },
  recordChatMessage: { input: chatMessageInput, output: z.void() },
  endMeeting: { input: endMeetingInput, output: z.void() },
  list: { input: listMeetingsInput, output: z.array(meetingSummarySchema) },
  get: { input: meetingRefInput, output: meetingDetailsSchema },
  delete: { input: meetingRefInput, output: z.void() },
  clear: { input: emptyInput, output: z.strictObject({ deleted: z.number().int().nonnegative() }) },
  getNotice: { input: emptyInput, output: historyNoticeSchema.nullable() },
});
