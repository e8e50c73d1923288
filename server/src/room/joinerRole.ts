import type { Role } from '../../../src-common/protocol';

/**
 * The role someone gets on joining (`returning`: the role the meeting's record holds for them).
 * A hosted meeting: the record's role, so only its owner is ever host. An open room: the first
 * person in hosts it; a returning peer keeps the record's role, except that a room has one host:
 * a former host who returns after the room handed over comes back as co-host.
 */
export function roleForJoiner(returning: Role | undefined, room: { fixedOwner: boolean; present: ReadonlyArray<{ role: Role }> }): Role {
  if (room.fixedOwner) return returning ?? 'participant';
  if (!returning) return room.present.length === 0 ? 'host' : 'participant';
  const hosted = room.present.some((peer) => peer.role === 'host');
  if (returning === 'host' && hosted) return 'cohost';
  return returning === 'participant' && !hosted ? 'host' : returning;
}
