/**
 * Admission to a hosted meeting: entering by invite code (and passcode), knocking and waiting in
 * the lobby, and the host's decisions. Spread into the protocol maps in requests.ts and
 * notifications.ts. A wrong passcode and a code that does not exist get exactly the same answer.
 */
import { z } from 'zod';
import type { Brand, RoomId } from '../ids';
import { inviteCodeSchema } from '../invite';
import { displayNameSchema } from '../validation';

/** One knock on a hosted meeting's door, issued by the server. */
export type KnockId = Brand<string, 'KnockId'>;
export const knockIdSchema = z
  .string()
  .min(1)
  .max(64)
  .transform((s) => s as KnockId);

/** At least 6 characters: with the per-meeting backoff, a guesser gets a few hundred tries a day. */
export const PASSCODE_MIN_LENGTH = 6;
export const passcodeSchema = z.string().trim().min(PASSCODE_MIN_LENGTH, `a passcode has at least ${PASSCODE_MIN_LENGTH} characters`).max(64, 'a passcode has at most 64 characters');

/**
 * How a hosted meeting lets people in: `lobby` (the default) makes everyone knock and wait for a
 * host's decision; `open` lets anyone with the code in; `passcode` lets in whoever also knows it.
 */
export const admissionModeSchema = z.enum(['lobby', 'open', 'passcode']);
export type AdmissionMode = z.infer<typeof admissionModeSchema>;

export const admissionSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('lobby') }),
  z.strictObject({ mode: z.literal('open') }),
  z.strictObject({ mode: z.literal('passcode'), passcode: passcodeSchema }),
]);
export type Admission = z.output<typeof admissionSchema>;

/** A person waiting in the lobby, as hosts see them. */
export interface Knock {
  knockId: KnockId;
  displayName: string;
  /** Server time (ms since the epoch) when they knocked. */
  since: number;
}

export const lobbyRequestSchemas = {
  /**
   * Asks to enter the meeting behind an invite code; allowed before `join`. Answers `admitted`
   * (with a session token to `join` with) or `waiting` (the answer comes later as
   * `admissionDecided`). An unknown code and a wrong passcode are both NOT_FOUND with the same
   * message; after 10 wrong codes from one address within a minute, RATE_LIMITED; so is every
   * attempt while a meeting backs off after too many wrong passcodes from all addresses.
   */
  enterMeeting: z.strictObject({
    code: inviteCodeSchema,
    displayName: displayNameSchema,
    passcode: z.string().max(64).optional(),
  }),
  /**
   * The public name of the meeting behind an invite code, for a guest's pre-join screen before
   * they enter; allowed before `join`. The answer has one shape whatever the code: `meetingName`
   * is null for a code that does not exist and for a meeting with a passcode (its name is shown
   * once the passcode is right), so the answer says no more than `enterMeeting` would. Each
   * address gets `guards.meetingLookupsPerAddressPerMinute` lookups a minute (a small token
   * bucket); past it, RATE_LIMITED with reason `tooFast`.
   */
  lookupMeeting: z.strictObject({ code: inviteCodeSchema }),
  /** Host or co-host: lets a waiting person in. */
  admitKnock: z.strictObject({ knockId: knockIdSchema }),
  /** Host or co-host: turns a waiting person away. */
  denyKnock: z.strictObject({ knockId: knockIdSchema }),
  /** Host or co-host: changes how people get in (see {@link Admission}); waiting people stay waiting. */
  setAdmission: admissionSchema,
  /** Host or co-host: who is waiting, and the current admission. */
  getLobby: z.strictObject({}),
} as const;

export type EnterMeetingResult =
  | {
      status: 'admitted';
      roomId: RoomId;
      /** Present it to `join` (the server-issued identity); it is bound to this meeting. */
      sessionToken: string;
      meetingName: string;
    }
  | { status: 'waiting'; meetingName: string };

/** A meeting's name as a guest sees it before entering (see `lookupMeeting`). */
export interface MeetingLookupResult {
  /** Null for an unknown code and for a meeting with a passcode: the same answer for both. */
  meetingName: string | null;
}

export interface LobbyResponseData {
  enterMeeting: EnterMeetingResult;
  lookupMeeting: MeetingLookupResult;
  admitKnock: Record<string, never>;
  denyKnock: Record<string, never>;
  setAdmission: Record<string, never>;
  getLobby: { knocks: Knock[]; admission: Admission; code: string };
}

export interface LobbyNotificationData {
  /** To hosts and co-hosts: the people waiting now, oldest first. */
  lobbyChanged: { knocks: Knock[] };
  /** To hosts and co-hosts: the admission changed. */
  admissionChanged: { admission: Admission };
  /**
   * To hosts and co-hosts: too many wrong passcodes were tried (from any addresses); the meeting
   * refuses every attempt for `lockedForMs`. Someone may be guessing: consider the lobby.
   */
  passcodeGuessing: { lockedForMs: number };
  /** To a waiting connection: the host's decision. After a denial the connection is closed. */
  admissionDecided:
    | { admitted: true; roomId: RoomId; sessionToken: string }
    | { admitted: false; reason: string };
}
