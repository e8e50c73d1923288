import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { inviteCodeFrom, type InviteCode } from '../../../src-common/invite';
import { meetingNameSchema } from '../../../src-common/validation';
import { CloseCode, type Admission, type EnterMeetingResult, type KnockId, type MeetingLookupResult, type NotificationData } from '../../../src-common/protocol';
import type { SessionTokens } from '../auth/SessionTokens';
import { AddressBuckets } from '../guards/AddressBuckets';
import type { GuardMetrics } from '../guards/GuardMetrics';
import type { Logger } from '../logger';
import type { RoomRegistry } from '../RoomRegistry';
import { AttemptLimiter } from './AttemptLimiter';
import type { ClientId } from './clientId';
import { Lobby } from './Lobby';
import { MeetingBackoff } from './MeetingBackoff';
import { refuseRemovedClient } from './removedReturn';

/** One meeting hosted on this server: reached by its code, guarded by its admission. */
export interface HostedMeeting {
  readonly roomId: RoomId;
  readonly code: InviteCode;
  readonly name: string;
  admission: Admission;
  readonly lobby: Lobby;
  /** Wrong passcodes from all addresses together. */
  readonly backoff: MeetingBackoff;
  /** The peer whose token the host got: the meeting's owner and only host. */
  readonly ownerId: PeerId;
}

/** What the host gets back: where the meeting is and the token that makes them its host. */
export interface HostedMeetingInfo {
  roomId: RoomId;
  code: InviteCode;
  name: string;
  /** A session token with the host role for this meeting: `join` with it. */
  hostToken: string;
}

/** How a waiting connection hears the decision (the signaling session delivers it). */
export type AdmissionListener = (decision: NotificationData['admissionDecided']) => void;

/** Exactly the same answer for a code that does not exist and a wrong passcode. */
const NO_SUCH_MEETING = 'no meeting has that code, or its passcode is different';

export interface HostedMeetingsOptions {
  rooms: RoomRegistry;
  tokens: SessionTokens;
  logger: Logger;
  /** Wrong codes (or passcodes) allowed per address per window before every attempt is refused. */
  attempts?: { max: number; windowMs: number };
  /** Wrong passcodes per meeting per minute, all addresses together, before it backs off. */
  passcodeAttemptsPerMinute?: number;
  /** Name lookups by code per address per minute (also the burst); 6 by default. */
  lookupsPerMinute?: number;
  metrics?: GuardMetrics;
  now?: () => number;
}

/** Hashed against when the code is unknown, so both refusals take the same work. */
const NO_PASSCODE = 'no meeting has this passcode';

/**
 * The meetings this server hosts by invite code, and the way in: codes, passcodes, the lobby and
 * the per-address limit on wrong guesses. Identity is always a token this server issues; a
 * connection never names its own peer.
 */
export class HostedMeetings {
  private readonly byCode = new Map<InviteCode, HostedMeeting>();
  private readonly byRoom = new Map<RoomId, HostedMeeting>();
  private readonly limiter: AttemptLimiter;
  private readonly lookups: AddressBuckets;
  private readonly now: () => number;
  private readonly admissionListeners = new Set<(meeting: HostedMeeting) => void>();

  constructor(private readonly options: HostedMeetingsOptions) {
    this.now = options.now ?? Date.now;
    const { max, windowMs } = options.attempts ?? { max: 10, windowMs: 60_000 };
    this.limiter = new AttemptLimiter(max, windowMs, this.now);
    const lookupsPerMinute = options.lookupsPerMinute ?? 6;
    this.lookups = new AddressBuckets(lookupsPerMinute, 60_000 / lookupsPerMinute, 4096, this.now);
  }

  /** Creates a meeting with a fresh code and room, and returns the host's token for it. */
  async host(options: { name: string; hostName: string; admission?: Admission }): Promise<HostedMeetingInfo> {
    const named = meetingNameSchema.safeParse(options.name);
    if (!named.success) throw new ParleyError(ErrorCode.BadRequest, `the meeting's name: ${named.error.issues[0]?.message ?? 'not a name'}`);
    const name = named.data;
    let code: InviteCode;
    do code = inviteCodeFrom(new Uint32Array(randomBytes(4 * 6).buffer));
    while (this.byCode.has(code));
    // Unguessable, so a room id learned from nowhere cannot be used to skip the code.
    const roomId = `lan-${randomBytes(16).toString('base64url')}` as RoomId;
    const ownerId = randomUUID() as PeerId;
    const meeting: HostedMeeting = {
      ownerId,
      backoff: new MeetingBackoff(this.options.passcodeAttemptsPerMinute ?? 20, this.now),
      roomId,
      code,
      name,
      admission: options.admission ?? { mode: 'lobby' },
      lobby: new Lobby((knocks) => this.notifyModerators(roomId, 'lobbyChanged', { knocks }), this.now),
    };
    // The owner is recorded before anyone can enter: whoever arrives first, only they host.
    await this.options.tokens.authority.setOwner(roomId, ownerId);
    this.byCode.set(code, meeting);
    this.byRoom.set(roomId, meeting);
    await this.options.rooms.getOrCreate(roomId);
    const hostToken = await this.options.tokens.issue({ roomId, peerId: ownerId, role: 'host', displayName: options.hostName });
    this.options.logger.info(`host() | ${JSON.stringify(name)} as ${code} (${meeting.admission.mode})`);
    return { roomId, code, name, hostToken };
  }

  isHosted(roomId: RoomId): boolean {
    return this.byRoom.has(roomId);
  }

  get(roomId: RoomId): HostedMeeting | undefined {
    return this.byRoom.get(roomId);
  }

  all(): HostedMeeting[] {
    return [...this.byRoom.values()];
  }

  /**
   * A meeting's name for the pre-join screen of a guest holding its code. One shape for every
   * answer: null for an unknown code and for a passcode meeting alike, so lookups tell a guesser
   * no more than `enter` does; each address gets a few a minute (RATE_LIMITED past them).
   */
  lookup(address: string, code: InviteCode): MeetingLookupResult {
    if (!this.lookups.take(address)) {
      this.options.metrics?.count('meetingLookupsRefused', `lookup() refused a code from ${address}`);
      throw new ParleyError(ErrorCode.RateLimited, 'too many meeting lookups from this address; try again in a few seconds', ErrorReason.TooFast);
    }
    const meeting = this.byCode.get(code);
    return { meetingName: meeting && meeting.admission.mode !== 'passcode' ? meeting.name : null };
  }

  /**
   * The way in by code. Answers `admitted` with a token, or `waiting` after knocking (the decision
   * goes to `listener`; call the returned `withdraw` when the connection goes away).
   */
  async enter(
    address: string,
    request: { code: InviteCode; passcode?: string | undefined; displayName: string; clientId?: ClientId | null },
    listener: AdmissionListener,
  ): Promise<{ result: EnterMeetingResult; withdraw: () => void }> {
    if (!this.limiter.allows(address)) {
      throw new ParleyError(ErrorCode.RateLimited, 'too many wrong codes from this address; try again in a minute', ErrorReason.TooManyWrongCodes);
    }
    const meeting = this.byCode.get(request.code);
    const lockedForMs = meeting?.backoff.lockedForMs() ?? 0;
    if (meeting && lockedForMs > 0) {
      this.options.metrics?.count('passcodeBackoff', `${meeting.code} refused an attempt from ${address}: locked for ${lockedForMs} ms`);
      throw new ParleyError(ErrorCode.RateLimited, `too many wrong passcodes for this meeting; try again in ${Math.ceil(lockedForMs / 60_000)} minute(s)`, ErrorReason.PasscodeGuessing);
    }
    // The same hashing and comparison whether the code exists or not: the refusals cannot be told apart by time.
    const expected = meeting?.admission.mode === 'passcode' ? meeting.admission.passcode : NO_PASSCODE;
    const passcodeMatches = samePasscode(expected, request.passcode ?? '');
    const passcodeOk = meeting !== undefined && (meeting.admission.mode !== 'passcode' || passcodeMatches);
    if (!meeting || !passcodeOk) {
      this.limiter.fail(address);
      this.options.metrics?.count('wrongCode', `enter() refused a code from ${address}`);
      if (meeting) this.passcodeFailed(meeting, address);
      throw new ParleyError(ErrorCode.NotFound, NO_SUCH_MEETING, ErrorReason.BadCodeOrPasscode);
    }
    if (meeting.admission.mode === 'passcode') meeting.backoff.succeed();
    try {
      await refuseRemovedClient(this.options.tokens.authority, this.options.rooms, meeting.roomId, request.clientId ?? null, request.displayName);
    } catch (error) {
      // Counted as a wrong attempt: a removed person retrying in a loop is slowed, and so are the host's notices.
      this.limiter.fail(address);
      throw error;
    }
    // A locked meeting lets nobody new in, whichever way they would have been admitted.
    if (this.options.rooms.get(meeting.roomId)?.moderation.locked) {
      throw new ParleyError(ErrorCode.Forbidden, 'the host has locked this meeting', ErrorReason.Locked);
    }
    if (meeting.admission.mode !== 'lobby') {
      return { result: { status: 'admitted', ...(await this.admission(meeting, request.displayName)), meetingName: meeting.name }, withdraw: () => undefined };
    }
    const noPlace = meeting.lobby.refusal(address);
    if (noPlace) {
      this.options.metrics?.count('lobbyFullRefused', `${meeting.code}: no lobby place for ${address} (${noPlace})`);
      // Only blame the address when it is the address's share that is used up.
      throw new ParleyError(
        ErrorCode.RateLimited,
        noPlace === 'full'
          ? 'the lobby is full; try again when the host has let people in'
          : 'too many people are waiting from this address; try again when the host has answered',
        noPlace === 'full' ? ErrorReason.LobbyFull : ErrorReason.TooManyWaiting,
      );
    }
    let decided = false;
    const { withdraw } = meeting.lobby.knock(request.displayName, address, {
      admit: () => {
        decided = true;
        this.admission(meeting, request.displayName).then(
          (admitted) => listener({ admitted: true, ...admitted }),
          (error: unknown) => this.options.logger.error('admit() | issuing a token failed', error),
        );
      },
      deny: (reason) => {
        decided = true;
        listener({ admitted: false, reason });
      },
    });
    return { result: { status: 'waiting', meetingName: meeting.name }, withdraw: () => decided || withdraw() };
  }

  admit(roomId: RoomId, knockId: KnockId): void {
    if (!this.meeting(roomId).lobby.admit(knockId)) throw new ParleyError(ErrorCode.NotFound, 'nobody is waiting under that id');
  }

  deny(roomId: RoomId, knockId: KnockId): void {
    if (!this.meeting(roomId).lobby.deny(knockId, 'the host did not let you in')) {
      throw new ParleyError(ErrorCode.NotFound, 'nobody is waiting under that id');
    }
  }

  setAdmission(roomId: RoomId, admission: Admission): void {
    const meeting = this.meeting(roomId);
    meeting.admission = admission;
    this.options.logger.info(`setAdmission() | ${meeting.code} is now ${admission.mode}`);
    this.notifyModerators(roomId, 'admissionChanged', { admission });
    for (const listener of this.admissionListeners) listener(meeting);
  }

  /** Calls `listener` after every admission change (the LAN host re-advertises); returns the unsubscribe. */
  onAdmissionChanged(listener: (meeting: HostedMeeting) => void): () => void {
    this.admissionListeners.add(listener);
    return () => this.admissionListeners.delete(listener);
  }

  /** Counts a wrong passcode for the meeting; a lockout it starts is told to the host (and logged). */
  private passcodeFailed(meeting: HostedMeeting, address: string): void {
    if (meeting.admission.mode !== 'passcode') return;
    const lockMs = meeting.backoff.fail();
    if (lockMs === 0) return;
    this.options.metrics?.count('passcodeBackoff', `${meeting.code}: too many wrong passcodes (the last from ${address}), locked for ${lockMs} ms`);
    this.notifyModerators(meeting.roomId, 'passcodeGuessing', { lockedForMs: lockMs });
  }

  /** Ends a hosted meeting: waiting people are turned away and its code stops working. */
  end(roomId: RoomId, reason = 'the host ended the meeting'): void {
    const meeting = this.byRoom.get(roomId);
    if (!meeting) return;
    this.byRoom.delete(roomId);
    this.byCode.delete(meeting.code);
    meeting.lobby.close('the meeting has ended');
    this.options.tokens.endRoom(roomId).catch((error: unknown) => this.options.logger.error('end() | recording the ending failed', error));
    // Participants are told the host ended it (a final close), rather than left to reconnect.
    this.options.rooms.get(roomId)?.close({ code: CloseCode.Ended, reason });
  }

  close(): void {
    for (const roomId of [...this.byRoom.keys()]) this.end(roomId);
  }

  /** NOT_FOUND unless `roomId` is hosted here (lobby requests from an ordinary room). */
  meeting(roomId: RoomId): HostedMeeting {
    const meeting = this.byRoom.get(roomId);
    if (!meeting) throw new ParleyError(ErrorCode.NotFound, 'this meeting has no lobby (it is not hosted by invite code)');
    return meeting;
  }

  private async admission(meeting: HostedMeeting, displayName: string): Promise<{ roomId: RoomId; sessionToken: string }> {
    const sessionToken = await this.options.tokens.issue({ roomId: meeting.roomId, peerId: randomUUID() as PeerId, role: 'participant', displayName });
    return { roomId: meeting.roomId, sessionToken };
  }

  private notifyModerators<N extends 'lobbyChanged' | 'admissionChanged' | 'passcodeGuessing'>(roomId: RoomId, method: N, data: NotificationData[N]): void {
    this.options.rooms.get(roomId)?.notifyModerators(method, data);
  }
}

/** Compared as hashes in constant time, so timing says nothing about how much of a guess was right. */
function samePasscode(expected: string, given: string): boolean {
  const hash = (s: string): Buffer => createHash('sha256').update(s.trim()).digest();
  return timingSafeEqual(hash(expected), hash(given));
}
