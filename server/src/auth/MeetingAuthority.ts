import type { PeerId, RoomId } from '../../../src-common/ids';
import type { Role } from '../../../src-common/protocol';
import { emptyRecord, MAX_REMOVED_CLIENTS, type MeetingRecord, type MeetingRecordStore } from './MeetingRecordStore';

/**
 * Who has which rights in a meeting, decided by the server's record and never by a token's claim:
 * the owner is the host, co-hosts are those a moderator made so, removed peers stay removed and an
 * ended meeting stays ended, across rejoins, resumes and (with a file or directory store) restarts.
 * Every record lives as long as the longest token it judges could (`ttlSeconds` after its last change).
 */
export class MeetingAuthority {
  constructor(
    private readonly store: MeetingRecordStore,
    private readonly ttlSeconds: number,
    private readonly now: () => number = () => Math.floor(Date.now() / 1000),
  ) {}

  /** A hosted meeting: `owner` is its host, always, whoever arrives first. */
  async setOwner(roomId: RoomId, owner: PeerId): Promise<void> {
    await this.change(roomId, (record) => ({ ...record, owner, fixedOwner: true }));
  }

  /** The role the record gives `peerId`: host for the owner, co-host if made so, else participant. */
  async roleOf(roomId: RoomId, peerId: PeerId): Promise<Role> {
    return roleIn(await this.store.get(roomId), peerId);
  }

  /** Whether nobody but the recorded owner may ever host this meeting. */
  async hasFixedOwner(roomId: RoomId): Promise<boolean> {
    return (await this.store.get(roomId))?.fixedOwner === true;
  }

  /**
   * Records a role the room gave (a moderator's decision, or an open room's host handing over):
   * `host` makes `peerId` the owner, unless the owner is fixed.
   */
  async recordRole(roomId: RoomId, peerId: PeerId, role: Role): Promise<void> {
    const record = await this.store.get(roomId);
    if (roleIn(record, peerId) === role) return;
    await this.change(roomId, (current) => {
      const cohosts = current.cohosts.filter((id) => id !== peerId);
      if (role === 'host') {
        if (current.fixedOwner) return current;
        // An open room handed over (or was rebuilt and someone else came first): the former host
        // comes back as co-host, as the room itself would have it.
        const former = current.owner && current.owner !== peerId ? [current.owner] : [];
        return { ...current, owner: peerId, cohosts: [...cohosts, ...former] };
      }
      const next = { ...current, cohosts: role === 'cohost' ? [...cohosts, peerId] : cohosts };
      // An open room's host who is demoted or hands over is no longer its owner.
      if (next.owner === peerId && !next.fixedOwner) delete next.owner;
      return next;
    });
  }

  /**
   * Every token of `peerId` in this meeting stops working (a moderator removed them); with
   * `client`, the browser they joined from is refused too (see `removedClient`).
   */
  async revoke(roomId: RoomId, peerId: PeerId, client?: { clientId: string; name: string }): Promise<void> {
    await this.change(roomId, (record) => {
      const next = { ...record, removed: [...record.removed.filter((id) => id !== peerId), peerId] };
      if (!client) return next;
      const others = (record.removedClients ?? []).filter((entry) => entry.client !== client.clientId);
      return { ...next, removedClients: [...others, { client: client.clientId, name: client.name }].slice(-MAX_REMOVED_CLIENTS) };
    });
  }

  /** The name its participant had, when a moderator removed a participant who joined from `clientId`. */
  async removedClient(roomId: RoomId, clientId: string): Promise<string | undefined> {
    return (await this.store.get(roomId))?.removedClients?.find((entry) => entry.client === clientId)?.name;
  }

  async isRevoked(roomId: RoomId, peerId: PeerId): Promise<boolean> {
    return (await this.store.get(roomId))?.removed.includes(peerId) ?? false;
  }

  /** The meeting was ended: tokens issued up to `seq` are refused. */
  async end(roomId: RoomId, seq: number): Promise<void> {
    await this.change(roomId, (record) => ({ ...record, endedAtSeq: Math.max(seq, record.endedAtSeq ?? 0) }));
  }

  /** The sequence number up to which tokens of this meeting are refused as ended, if it was. */
  async endedAtSeq(roomId: RoomId): Promise<number | undefined> {
    return (await this.store.get(roomId))?.endedAtSeq;
  }

  /** A token was issued for this meeting: its record lives at least as long as that token. */
  async touch(roomId: RoomId): Promise<void> {
    const record = await this.store.get(roomId);
    // Only meetings with something to remember are kept; an open room nobody moderated has no record.
    if (!record || record.expiresAt >= this.now() + this.ttlSeconds - 60) return;
    await this.change(roomId, (current) => current);
  }

  private async change(roomId: RoomId, edit: (record: MeetingRecord) => MeetingRecord): Promise<void> {
    const expiresAt = this.now() + this.ttlSeconds;
    await this.store.update(roomId, (current) => ({ ...edit(current ?? emptyRecord(expiresAt)), expiresAt }));
  }
}

function roleIn(record: MeetingRecord | undefined, peerId: PeerId): Role {
  if (record?.owner === peerId) return 'host';
  return record?.cohosts.includes(peerId) ? 'cohost' : 'participant';
}
