import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { inviteCodeFrom, type InviteCode } from '../../../src-common/invite';
import { CloseCode, type Admission, type EnterMeetingResult, type KnockId, type NotificationData } from '../../../src-common/protocol';
import type { SessionTokens } from '../auth/SessionTokens';
import type { Logger } from '../logger';
import type { RoomRegistry } from '../RoomRegistry';
import { AttemptLimiter } from './AttemptLimiter';
import { Lobby } from './Lobby';

/** One meeting hosted on this server: reached by its code, guarded by its admission. */
export interface HostedMeeting {
  readonly roomId: RoomId;
  readonly code: InviteCode;
  readonly name: string;
  admission: Admission;
  readonly lobby: Lobby;
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
  now?: () => number;
}

/**
 * The meetings this server hosts by invite code, and the way in: codes, passcodes, the lobby and
 * the per-address limit on wrong guesses. Identity is always a token this server issues; a
 * connection never names its own peer.
 */
export class HostedMeetings {
  private readonly byCode = new Map<InviteCode, HostedMeeting>();
  private readonly byRoom = new Map<RoomId, HostedMeeting>();
  private readonly limiter: AttemptLimiter;
  private readonly now: () => number;

  constructor(private readonly options: HostedMeetingsOptions) {
    this.now = options.now ?? Date.now;
    const { max, windowMs } = options.attempts ?? { max: 10, windowMs: 60_000 };
    this.limiter = new AttemptLimiter(max, windowMs, this.now);
  }

  /** Creates a meeting with a fresh code and room, and returns the host's token for it. */
  async host(options: { name: string; hostName: string; admission?: Admission }): Promise<HostedMeetingInfo> {
    let code: InviteCode;
    do code = inviteCodeFrom(new Uint32Array(randomBytes(4 * 6).buffer));
    while (this.byCode.has(code));
    // Unguessable, so a room id learned from nowhere cannot be used to skip the code.
    const roomId = `lan-${randomBytes(16).toString('base64url')}` as RoomId;
    const meeting: HostedMeeting = {
      roomId,
      code,
      name: options.name,
      admission: options.admission ?? { mode: 'lobby' },
      lobby: new Lobby((knocks) => this.notifyModerators(roomId, 'lobbyChanged', { knocks }), this.now),
    };
    this.byCode.set(code, meeting);
    this.byRoom.set(roomId, meeting);
    await this.options.rooms.getOrCreate(roomId);
    const hostToken = await this.options.tokens.issue({ roomId, peerId: randomUUID() as PeerId, role: 'host', displayName: options.hostName });
    this.options.logger.info(`host() | ${JSON.stringify(options.name)} as ${code} (${meeting.admission.mode})`);
    return { roomId, code, name: options.name, hostToken };
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
   * The way in by code. Answers `admitted` with a token, or `waiting` after knocking (the decision
   * goes to `listener`; call the returned `withdraw` when the connection goes away).
   */
  async enter(
    address: string,
    request: { code: InviteCode; passcode?: string | undefined; displayName: string },
    listener: AdmissionListener,
  ): Promise<{ result: EnterMeetingResult; withdraw: () => void }> {
    if (!this.limiter.allows(address)) {
      throw new ParleyError(ErrorCode.RateLimited, 'too many wrong codes from this address; try again in a minute');
    }
    const meeting = this.byCode.get(request.code);
    const passcodeOk = meeting?.admission.mode !== 'passcode' || samePasscode(meeting.admission.passcode, request.passcode ?? '');
    if (!meeting || !passcodeOk) {
      this.limiter.fail(address);
      this.options.logger.info(`enter() | refused a code from ${address}`);
      throw new ParleyError(ErrorCode.NotFound, NO_SUCH_MEETING);
    }
    // A locked meeting lets nobody new in, whichever way they would have been admitted.
    if (this.options.rooms.get(meeting.roomId)?.moderation.locked) {
      throw new ParleyError(ErrorCode.Forbidden, 'the host has locked this meeting');
    }
    if (meeting.admission.mode !== 'lobby') {
      return { result: { status: 'admitted', ...(await this.admission(meeting, request.displayName)), meetingName: meeting.name }, withdraw: () => undefined };
    }
    if (!meeting.lobby.hasRoomFor(address)) {
      throw new ParleyError(ErrorCode.RateLimited, 'too many people are waiting from this address; try again when the host has answered');
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
    this.notifyModerators(roomId, 'admissionChanged', { admission });
  }

  /** Ends a hosted meeting: waiting people are turned away and its code stops working. */
  end(roomId: RoomId, reason = 'the host ended the meeting'): void {
    const meeting = this.byRoom.get(roomId);
    if (!meeting) return;
    this.byRoom.delete(roomId);
    this.byCode.delete(meeting.code);
    meeting.lobby.close('the meeting has ended');
    this.options.tokens.endRoom(roomId);
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

  private notifyModerators<N extends 'lobbyChanged' | 'admissionChanged'>(roomId: RoomId, method: N, data: NotificationData[N]): void {
    this.options.rooms.get(roomId)?.notifyModerators(method, data);
  }
}

/** Compared as hashes in constant time, so timing says nothing about how much of a guess was right. */
function samePasscode(expected: string, given: string): boolean {
  const hash = (s: string): Buffer => createHash('sha256').update(s.trim()).digest();
  return timingSafeEqual(hash(expected), hash(given));
}
