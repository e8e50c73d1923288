import readline from 'node:readline';
import type { PeerId } from '../../../src-common/ids';
import type { LanHost } from './LanHost';

export const ownerConsoleHelp = `Commands (this terminal owns the meeting):
  who          list the participants, numbered
  remove N     remove participant N (their link and token stop working for this meeting)
  lock/unlock  let nobody new in / let people in again
  end          end the meeting for everyone (as Ctrl+C)
  help`;

/**
 * The terminal host's moderation: the terminal is the meeting's owner and never joins, so it
 * moderates from here. Each command line gets one answer line (or a list); `end` calls `onEnd`.
 */
export class OwnerConsole {
  private numbered: PeerId[] = [];

  constructor(
    private readonly host: Pick<LanHost, 'info' | 'server'>,
    private readonly ownerId: PeerId,
    private readonly onEnd: () => void,
  ) {}

  /** Reads commands from `input` and writes answers to `output` until `input` ends. */
  attach(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): readline.Interface {
    const lines = readline.createInterface({ input, terminal: false });
    lines.on('line', (line) => {
      void this.run(line).then((answer) => answer && output.write(`${answer}\n`));
    });
    return lines;
  }

  /** Runs one command line and returns what to print. */
  async run(line: string): Promise<string> {
    const [command = '', argument] = line.trim().split(/\s+/);
    const room = this.host.server.rooms.get(this.host.info.roomId);
    switch (command.toLowerCase()) {
      case '':
        return '';
      case 'who': {
        const peers = (room?.snapshot().peers ?? []).filter((peer) => peer.peerId !== this.ownerId);
        this.numbered = peers.map((peer) => peer.peerId);
        if (peers.length === 0) return 'Nobody has joined.';
        return peers.map((peer, i) => `  ${i + 1}. ${peer.displayName}${peer.role === 'participant' ? '' : ` (${peer.role})`}`).join('\n');
      }
      case 'remove': {
        const target = this.numbered[Number(argument) - 1];
        if (!room || !target) return 'Say `who` first, then `remove N` with a number from its list.';
        try {
          await room.moderation.removeAsOwner(this.ownerId, target, (removed) => this.host.server.tokens.revokeRemoved(room.id, removed));
          return `Removed participant ${argument}.`;
        } catch (error) {
          return `Not removed: ${(error as Error).message}`;
        }
      }
      case 'lock':
      case 'unlock':
        if (!room) return 'The meeting has no room yet.';
        room.moderation.lockAsOwner(this.ownerId, command === 'lock');
        return command === 'lock' ? 'Locked: nobody new gets in.' : 'Unlocked.';
      case 'end':
        this.onEnd();
        return 'Ending the meeting.';
      default:
        return ownerConsoleHelp;
    }
  }
}
