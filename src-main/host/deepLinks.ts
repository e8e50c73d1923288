import { parseInviteLink, type Invite } from '../../src-common/invite';

/** The scheme Parley registers with the OS for invite links. */
export const DEEP_LINK_SCHEME = 'parley';

/**
 * The invite among a process's arguments: on Windows and Linux the OS starts the app (or hands a
 * running one, through `second-instance`) the `parley://` link as an argument. Only a well-formed
 * invite is taken; anything else is ignored.
 */
export function inviteFromArgv(argv: readonly string[]): Invite | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}://`)) continue;
    const invite = parseInviteLink(arg);
    if (invite) return invite;
  }
  return null;
}

/** The app page that opens an invite: the pre-join screen of that meeting, with its fingerprint. */
export function invitePagePath(invite: Invite): string {
  return `/j/${invite.code}?server=${encodeURIComponent(invite.server)}#fp=${invite.fingerprint}`;
}
