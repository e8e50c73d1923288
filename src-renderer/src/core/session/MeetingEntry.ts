import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import type { RoomId } from '../../../../src-common/ids';
import { SignalingClient } from '../signaling/SignalingClient';
import { Store } from '../base/Store';

/** Where a guest is on the way into a hosted meeting. */
export type EntryState =
  | { status: 'entering' }
  | { status: 'waiting'; meetingName: string }
  | { status: 'admitted'; meetingName: string; roomId: RoomId; sessionToken: string }
  | { status: 'denied'; reason: string }
  | { status: 'failed'; error: string };

/** The part of the signaling client entering needs (a fake in unit tests). */
export interface EntrySignaling {
  request: SignalingClient['request'];
  onNotification: SignalingClient['onNotification'];
  onClosed: SignalingClient['onClosed'];
  close(): void;
}

/**
 * Entering a hosted meeting by its invite code: asks the server (`enterMeeting`), waits in the
 * lobby when the host decides who comes in, and ends with the room and a server-issued token to
 * join with, or with the host's refusal. Its connection is only for waiting; the meeting itself
 * is joined on a new one (RoomSession) with the token.
 */
export class MeetingEntry {
  readonly state = new Store<EntryState>({ status: 'entering' });
  private meetingName = '';

  private constructor(private readonly signaling: EntrySignaling) {}

  static async enter(
    options: { signalingUrl: string; code: string; displayName: string; passcode?: string },
    connect: (url: string) => Promise<EntrySignaling> = (url) => SignalingClient.connect(url),
  ): Promise<MeetingEntry> {
    let signaling: EntrySignaling;
    try {
      signaling = await connect(options.signalingUrl);
    } catch {
      const entry = new MeetingEntry({ request: () => Promise.reject(new Error('closed')), onNotification: () => {}, onClosed: () => {}, close: () => {} });
      entry.state.set({ status: 'failed', error: 'The meeting host cannot be reached. Check that you are on the same network and that the link is complete.' });
      return entry;
    }
    const entry = new MeetingEntry(signaling);
    await entry.start(options);
    return entry;
  }

  private async start({ code, displayName, passcode }: { code: string; displayName: string; passcode?: string }): Promise<void> {
    this.signaling.onNotification((method, data) => {
      if (method !== 'admissionDecided') return;
      const decision = data as { admitted: true; roomId: RoomId; sessionToken: string } | { admitted: false; reason: string };
      this.state.set(
        decision.admitted
          ? { status: 'admitted', meetingName: this.meetingName, roomId: decision.roomId, sessionToken: decision.sessionToken }
          : { status: 'denied', reason: decision.reason },
      );
      this.signaling.close();
    });
    this.signaling.onClosed(() => {
      if (this.state.get().status === 'waiting') this.state.set({ status: 'failed', error: 'The connection to the meeting host was lost while waiting.' });
    });
    try {
      const result = await this.signaling.request('enterMeeting', { code, displayName, ...(passcode ? { passcode } : {}) });
      this.meetingName = result.meetingName;
      if (result.status === 'admitted') {
        this.state.set({ status: 'admitted', meetingName: result.meetingName, roomId: result.roomId, sessionToken: result.sessionToken });
        this.signaling.close();
      } else if (this.state.get().status === 'entering') {
        this.state.set({ status: 'waiting', meetingName: result.meetingName });
      }
    } catch (error) {
      this.signaling.close();
      this.state.set({ status: 'failed', error: describe(error) });
    }
  }

  /** Stops waiting (the guest gave up). */
  cancel(): void {
    if (this.state.get().status === 'waiting') this.state.set({ status: 'failed', error: 'You stopped waiting.' });
    this.signaling.close();
  }
}

/**
 * The public name of the meeting behind `code`, for the pre-join screen: asked on a short-lived
 * connection of its own. Null when the server has none to give (an unknown code, a meeting with a
 * passcode, an older server, too many lookups, no connection): the screen then names the code.
 */
export async function lookupMeetingName(
  options: { signalingUrl: string; code: string },
  connect: (url: string) => Promise<Pick<EntrySignaling, 'request' | 'close'>> = (url) => SignalingClient.connect(url),
): Promise<string | null> {
  let signaling: Pick<EntrySignaling, 'request' | 'close'> | undefined;
  try {
    signaling = await connect(options.signalingUrl);
    return (await signaling.request('lookupMeeting', { code: options.code })).meetingName;
  } catch (error) {
    console.warn('the meeting\'s name could not be looked up; the pre-join shows its code', error);
    return null;
  } finally {
    signaling?.close();
  }
}

function describe(error: unknown): string {
  if (!(error instanceof ParleyError)) return `Entering failed: ${String(error)}`;
  switch (error.code) {
    case ErrorCode.NotFound:
      return 'No meeting has that code, or the passcode is wrong.';
    case ErrorCode.RateLimited:
      return RATE_LIMITED_SENTENCES[error.reason ?? 'unknown'] ?? RATE_LIMITED_SENTENCES.unknown;
    case ErrorCode.Forbidden:
      return error.reason === ErrorReason.Locked ? 'The host has locked this meeting: nobody new can come in right now.' : error.message;
    default:
      return error.message;
  }
}

/** What a refused guest reads for each cause of RATE_LIMITED (an older server sends no reason). */
const RATE_LIMITED_SENTENCES: Partial<Record<ErrorReason, string>> & { unknown: string } = {
  [ErrorReason.TooManyWrongCodes]: 'Too many wrong codes from this network address. Wait a minute and try again.',
  [ErrorReason.PasscodeGuessing]: 'Too many wrong passcodes were tried for this meeting, so it refuses everyone for a few minutes. Wait and try again.',
  [ErrorReason.LobbyFull]: 'The lobby is full. Try again when the host has let people in.',
  [ErrorReason.TooManyWaiting]: 'Too many people from this network address are already waiting. Try again when the host has answered them.',
  unknown: 'Too many attempts right now. Wait a minute and try again.',
};
