/**
 * Moderation: what hosts and co-hosts may do to others. The server checks the caller's role for
 * every request (FORBIDDEN otherwise); hiding buttons in the UI is only a courtesy.
 */
import { z } from 'zod';
import type { PeerId, ProducerId } from '../ids';
import { peerIdSchema } from '../validation';
import type { MediaSource } from './requests';
import type { Role } from './roles';

const reasonSchema = z.string().trim().max(200).optional();

export const moderationRequestSchemas = {
  /** Pauses `peerId`'s microphone. Only its owner can resume it. */
  muteParticipant: z.strictObject({ peerId: peerIdSchema }),
  /** Pauses every other peer's microphone. */
  muteEveryone: z.strictObject({}),
  /** Closes `peerId`'s camera, or its screen share (with the share's audio). */
  stopMedia: z.strictObject({ peerId: peerIdSchema, source: z.enum(['camera', 'screen']) }),
  /** Removes `peerId` from the meeting; its session token stops working. */
  removeParticipant: z.strictObject({ peerId: peerIdSchema, reason: reasonSchema }),
  /** Locks or unlocks the room: while locked, only returning token holders get in. */
  lockRoom: z.strictObject({ locked: z.boolean() }),
  /** Promotes a participant to co-host or demotes a co-host. The host's own role is not changed. */
  setRole: z.strictObject({ peerId: peerIdSchema, role: z.enum(['cohost', 'participant']) }),
  /** Ends the meeting for everyone; host only. */
  endMeeting: z.strictObject({}),
} as const;

export type ModerationResponseData = { [M in keyof typeof moderationRequestSchemas]: Record<string, never> };

export interface ModerationNotificationData {
  /** A moderator muted one of this peer's producers; only this peer may unmute it. */
  producerMutedByModerator: { producerId: ProducerId; source: MediaSource; by: PeerId };
  /** A moderator closed one of this peer's producers (camera or share). */
  producerClosedByModerator: { producerId: ProducerId; source: MediaSource; by: PeerId };
  /** Someone's role changed (promotion, demotion, or the host handed over on leaving). */
  roleChanged: { peerId: PeerId; role: Role };
  /** The room was locked or unlocked. */
  roomLockChanged: { locked: boolean; by: PeerId };
  /** This peer was removed; the connection closes right after. */
  removedFromMeeting: { reason: string; by: PeerId };
  /** The host ended the meeting; every connection closes right after. */
  meetingEnded: { by: PeerId };
  /**
   * To hosts and co-hosts: a browser or app whose participant was removed tried to come back (by
   * joining or by the invite code) and was refused. `displayName` is the name it asked with now,
   * `removedAs` the name it had when removed. Locking the meeting keeps out everyone new, which
   * also covers a removed person on another browser or device (this cannot recognise them there).
   */
  removedPeerReturned: { displayName: string; removedAs: string };
}
