/** Who may do what in a room. The server decides every role and enforces every right. */
import { z } from 'zod';

/**
 * `host`: runs the meeting (the LAN host, or whoever opened a room on a standalone server);
 * `cohost`: a participant the host promoted, with the same moderation rights except ending the
 * meeting for all and demoting the host; `participant`: everyone else.
 */
export const roleSchema = z.enum(['host', 'cohost', 'participant']);
export type Role = z.infer<typeof roleSchema>;

/** Hosts and co-hosts moderate: mute others, remove, lock, admit from the lobby. */
export function canModerate(role: Role): boolean {
  return role === 'host' || role === 'cohost';
}
