import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { PeerId } from '../../../src-common/ids';
import { canModerate, CloseCode, type MediaSource, type Role } from '../../../src-common/protocol';
import type { Peer } from '../Peer';
import { ReturnNotices } from './ReturnNotices';
import type { RoomMembers } from './RoomMembers';

function forbidden(message: string, reason: ErrorReason = ErrorReason.NotAllowed): ParleyError {
  return new ParleyError(ErrorCode.Forbidden, message, reason);
}

/**
 * Who may moderate, and what moderation does. Every action checks the caller's role here, on the
 * server; the room is never left without a host while anyone is in it.
 */
export class Moderation {
  private lockedFlag = false;
  /**
   * A hosted meeting: its owner is the host, present or not, and nobody else ever becomes host
   * (no hand-over when the owner leaves; co-hosts moderate meanwhile).
   */
  fixedOwner = false;
  /** Which returns of a removed browser the hosts are told of (not every reload). */
  readonly returnNotices: ReturnNotices;

  constructor(
    private readonly members: RoomMembers,
    /** Told of every role this assigns, so the meeting's record keeps it (a demotion sticks). */
    private readonly assigned: (peer: Peer) => void = () => undefined,
    now: () => number = Date.now,
  ) {
    this.returnNotices = new ReturnNotices(now);
  }

  get locked(): boolean {
    return this.lockedFlag;
  }

  /** FORBIDDEN unless `actor` is a host or co-host. */
  assertModerator(actor: Peer): void {
    if (!canModerate(actor.role)) throw forbidden('only the host or a co-host can do that');
  }

  async mute(actor: Peer, targetId: PeerId): Promise<void> {
    this.assertModerator(actor);
    await this.muteMicrophone(actor, this.target(actor, targetId));
  }

  async muteEveryone(actor: Peer): Promise<void> {
    this.assertModerator(actor);
    for (const peer of this.members.all()) {
      if (peer !== actor) await this.muteMicrophone(actor, peer);
    }
  }

  stopMedia(actor: Peer, targetId: PeerId, source: 'camera' | 'screen'): void {
    this.assertModerator(actor);
    const target = this.target(actor, targetId);
    const sources: MediaSource[] = source === 'screen' ? ['screen', 'screenAudio'] : ['camera'];
    for (const { producerId, source: closed } of target.producersOf(sources)) {
      target.notify('producerClosedByModerator', { producerId, source: closed, by: actor.id });
      target.closeProducer(producerId);
    }
  }

  /** Tells `targetId` why, then closes it; `revoke` makes its session tokens (and its browser) useless first. */
  async remove(actor: Peer, targetId: PeerId, reason: string | undefined, revoke: (removed: Peer) => Promise<void>): Promise<void> {
    this.assertModerator(actor);
    await this.evict(actor.id, this.target(actor, targetId), reason || `${actor.displayName} removed you from the meeting`, revoke);
  }

  lock(actor: Peer, locked: boolean): void {
    this.assertModerator(actor);
    this.setLocked(actor.id, locked);
  }

  /**
   * The owner acting from outside the meeting (the terminal host): removes `targetId`. NOT_FOUND
   * when nobody by that id is here.
   */
  async removeAsOwner(ownerId: PeerId, targetId: PeerId, revoke: (removed: Peer) => Promise<void>): Promise<void> {
    const target = this.members.get(targetId);
    if (!target || target.id === ownerId) throw new ParleyError(ErrorCode.NotFound, `no participant ${JSON.stringify(targetId)} is in this meeting`);
    await this.evict(ownerId, target, 'the host removed you from the meeting', revoke);
  }

  /** The owner acting from outside the meeting: locks or unlocks it. */
  lockAsOwner(ownerId: PeerId, locked: boolean): void {
    this.setLocked(ownerId, locked);
  }

  setRole(actor: Peer, targetId: PeerId, role: 'cohost' | 'participant'): void {
    this.assertModerator(actor);
    const target = this.target(actor, targetId);
    if (target.role === 'host') throw forbidden('the host\'s role cannot be changed', ErrorReason.HostProtected);
    this.assign(target, role);
  }

  /** Host only: tells everyone, then `close` ends the room. */
  end(actor: Peer, close: () => void): void {
    if (actor.role !== 'host') throw forbidden('only the host can end the meeting for everyone');
    this.members.notifyAll('meetingEnded', { by: actor.id });
    close();
  }

  /**
   * After `left` is gone: if it hosted an open room, a co-host (else the longest-present
   * participant) hosts. A hosted meeting keeps its owner as host.
   */
  handOver(left: Peer): void {
    if (left.role !== 'host' || this.fixedOwner) return;
    const all = this.members.all();
    if (all.some((peer) => peer.role === 'host')) return;
    // Someone reconnecting cannot moderate now (and may not come back): present people first.
    const present = all.filter((peer) => !peer.reconnecting);
    const peers = present.length > 0 ? present : all;
    const next = peers.find((peer) => peer.role === 'cohost') ?? peers[0];
    if (next) this.assign(next, 'host');
  }

  private async evict(byId: PeerId, target: Peer, why: string, revoke: (removed: Peer) => Promise<void>): Promise<void> {
    if (target.role === 'host') throw forbidden('the host cannot be removed', ErrorReason.HostProtected);
    await revoke(target);
    target.notify('removedFromMeeting', { reason: why, by: byId });
    target.close({ code: CloseCode.Removed, reason: why });
  }

  private setLocked(byId: PeerId, locked: boolean): void {
    if (this.lockedFlag === locked) return;
    this.lockedFlag = locked;
    this.members.notifyAll('roomLockChanged', { locked, by: byId });
  }

  private assign(peer: Peer, role: Role): void {
    if (peer.role === role) return;
    peer.role = role;
    this.assigned(peer);
    this.members.notifyAll('roleChanged', { peerId: peer.id, role });
  }

  private async muteMicrophone(actor: Peer, target: Peer): Promise<void> {
    for (const { producerId, source, paused } of target.producersOf(['microphone'])) {
      if (paused) continue;
      await target.setProducerPaused(producerId, true);
      target.notify('producerMutedByModerator', { producerId, source, by: actor.id });
    }
  }

  private target(actor: Peer, targetId: PeerId): Peer {
    const target = this.members.get(targetId);
    if (!target) throw new ParleyError(ErrorCode.NotFound, `no participant ${JSON.stringify(targetId)} is in this meeting`);
    if (target === actor) throw new ParleyError(ErrorCode.BadRequest, 'moderate others; use your own controls for yourself');
    return target;
  }
}
