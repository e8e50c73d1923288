import type { PeerId } from '../../../../src-common/ids';
import { assertUnreachable } from '../../../../src-common/errors';
import type { Role } from '../../../../src-common/protocol';
import type { Emitter } from '../base/Emitter';
import { Store } from '../base/Store';
import type { LocalMedia } from '../media/LocalMedia';
import type { SessionEvents, SessionState } from '../session/sessionTypes';
import type { ScreenShare } from '../media/ScreenShare';
import { Chat } from './Chat';
import { ConnectionQuality } from './ConnectionQuality';
import { Hands } from './Hands';
import { Moderation } from './Moderation';
import { Notices } from './Notices';
import type { MeetingNotification } from '../session/notifications';
import { Reactions } from './Reactions';
import type { Requester } from './types';

/** What the in-meeting features need of a session (RoomSession, or a fake in tests). */
export interface MeetingSession {
  readonly events: Emitter<SessionEvents>;
  readonly state: { get(): Pick<SessionState, 'localPeerId' | 'participants' | 'localRole'> };
  request: Requester;
  transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null }>;
}

/** What moderators' actions change on this side: the local mic, camera and share. */
export interface LocalControls {
  localMedia: Pick<LocalMedia, 'setMicMuted' | 'setCameraOff'>;
  screenShare: Pick<ScreenShare, 'stop'>;
}

const ROLE_NAMES: Record<Role, string> = { host: 'the host', cohost: 'a co-host', participant: 'a participant' };

/**
 * Everything people do in a meeting besides talking, for one session: chat, hands, reactions,
 * moderation, connection quality and the notices about them. It follows the session's
 * notifications, fetches what it missed at every (re)connection, and applies moderators' actions
 * to the local media (muted by the host: the mic shows muted, and only the user can unmute it).
 */
export class InMeeting {
  readonly notices = new Notices();
  readonly chat: Chat;
  readonly hands: Hands;
  readonly reactions: Reactions;
  readonly moderation: Moderation;
  readonly quality: ConnectionQuality;
  /** A hosted meeting's human name ("Hana's meeting"), from the server; null for a room reached by its name. */
  readonly meetingName = new Store<string | null>(null);
  private readonly stops: Array<() => void>;
  private closed = false;

  constructor(
    private readonly session: MeetingSession,
    private readonly local: LocalControls,
  ) {
    const request: Requester = (method, data) => session.request(method, data);
    this.chat = new Chat(request);
    this.hands = new Hands(request, this.notices);
    this.reactions = new Reactions(request, this.notices);
    this.moderation = new Moderation(request, this.notices);
    this.quality = new ConnectionQuality(session);
    this.stops = [
      session.events.on('connected', ({ localPeerId }) => void this.catchUp(localPeerId)),
      session.events.on('meetingNotification', (event) => this.onNotification(event)),
      session.events.on('ended', () => this.close()),
    ];
    const { localPeerId } = session.state.get();
    if (localPeerId) void this.catchUp(localPeerId);
  }

  /** Starts measuring connection quality (every couple of seconds). */
  startQuality(): void {
    if (!this.closed) this.quality.start();
  }

  /** The name to show for a peer: "You" for the local user. */
  nameOf(peerId: PeerId): string {
    const { localPeerId, participants } = this.session.state.get();
    if (peerId === localPeerId) return 'You';
    return participants.find((p) => p.peerId === peerId)?.displayName ?? 'Someone';
  }

  /** Stops timers and listeners. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    this.quality.close();
    this.reactions.close();
    this.notices.close();
  }

  /** What a (re)joined connection missed: recent chat, the raised hands, the lock. */
  private async catchUp(localPeerId: PeerId): Promise<void> {
    this.chat.connected(localPeerId);
    try {
      const { messages, hands, locked, meetingName } = await this.session.request('getMeetingState', {});
      if (this.closed) return;
      this.meetingName.set(meetingName ?? null);
      this.chat.receive(messages, false);
      this.hands.set(hands);
      this.moderation.setLocked(locked);
    } catch (error) {
      console.warn('getMeetingState() | the meeting state was not fetched', error);
    }
  }

  private onNotification(event: MeetingNotification): void {
    switch (event.method) {
      case 'chatReceived': {
        const { message } = event.data;
        this.chat.receive([message], true);
        break;
      }
      case 'handsChanged':
        for (const peerId of this.hands.set(event.data.hands)) {
          this.notices.announce(peerId === this.session.state.get().localPeerId ? 'Your hand is raised' : `${this.nameOf(peerId)} raised their hand`);
        }
        break;
      case 'reactionSent':
        this.reactions.show(event.data.peerId, event.data.reaction);
        this.notices.announce(`${this.nameOf(event.data.peerId)} reacted ${event.data.reaction}`);
        break;
      case 'producerMutedByModerator':
        if (event.data.source === 'microphone') {
          this.local.localMedia.setMicMuted(true);
          this.notices.info(`${this.nameOf(event.data.by)} muted your microphone. Only you can unmute it.`);
        }
        break;
      case 'producerClosedByModerator':
        if (event.data.source === 'camera') {
          void this.local.localMedia.setCameraOff(true);
          this.notices.info(`${this.nameOf(event.data.by)} turned your camera off.`);
        } else if (event.data.source === 'screen') {
          this.local.screenShare.stop();
          this.notices.info(`${this.nameOf(event.data.by)} stopped your screen share.`);
        }
        break;
      case 'roleChanged': {
        const { peerId, role } = event.data;
        if (peerId === this.session.state.get().localPeerId) this.notices.info(`You are now ${ROLE_NAMES[role]}.`);
        else this.notices.announce(`${this.nameOf(peerId)} is now ${ROLE_NAMES[role]}`);
        break;
      }
      case 'roomLockChanged':
        this.moderation.setLocked(event.data.locked);
        this.notices.info(`${this.nameOf(event.data.by)} ${event.data.locked ? 'locked' : 'unlocked'} the meeting.`);
        break;
      case 'removedPeerReturned': {
        const { displayName, removedAs } = event.data;
        this.moderation.returnAttempted(removedAs);
        const asked = displayName === removedAs ? '' : ` (as “${displayName}”)`;
        this.notices.info(`${removedAs}, whom you removed, tried to come back${asked} and was kept out.`);
        break;
      }
      // The session ends itself on the close that follows (codes 4001 and 4002) and says why.
      case 'removedFromMeeting':
      case 'meetingEnded':
        break;
      default:
        assertUnreachable(event);
    }
  }
}
