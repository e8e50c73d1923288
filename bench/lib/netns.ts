import { execFileSync } from 'node:child_process';
import { BenchError, BenchErrorCode } from './errors';

/**
 * Two network namespaces joined by a veth pair, created for one run and deleted after it: servers
 * (Parley, Janus) in one, Chromium in the other. Janus will not run ICE on loopback, so both SFUs
 * and the bare pair get the same non-loopback path, and no packet can reach any other host: the
 * namespaces have no route beyond their /24.
 */
export class NetnsPair {
  readonly serverNs: string;
  readonly clientNs: string;
  readonly serverIp: string;
  readonly clientIp: string;
  /** The veth end inside the server namespace (Janus's ice_enforce_list names it). */
  readonly serverIf = 'pbsrv0';
  private deleted = false;

  private constructor(tag: string, subnet: number) {
    this.serverNs = `pbench-srv-${tag}`;
    this.clientNs = `pbench-cli-${tag}`;
    this.serverIp = `10.213.${subnet}.2`;
    this.clientIp = `10.213.${subnet}.1`;
  }

  static create(): NetnsPair {
    if (process.getuid?.() !== 0) throw new BenchError(BenchErrorCode.MissingTool, 'network namespaces need root');
    const pair = new NetnsPair(String(process.pid), process.pid % 250);
    try {
      const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });
      ip('netns', 'add', pair.serverNs);
      ip('netns', 'add', pair.clientNs);
      ip('link', 'add', pair.serverIf, 'netns', pair.serverNs, 'type', 'veth', 'peer', 'name', 'pbcli0', 'netns', pair.clientNs);
      for (const [ns, dev, addr] of [
        [pair.serverNs, pair.serverIf, pair.serverIp],
        [pair.clientNs, 'pbcli0', pair.clientIp],
      ] as const) {
        ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev);
        ip('-n', ns, 'link', 'set', dev, 'up');
        ip('-n', ns, 'link', 'set', 'lo', 'up');
      }
    } catch (error) {
      pair.delete();
      throw new BenchError(BenchErrorCode.ProcessFailed, `could not create the namespaces: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
    return pair;
  }

  /** `command args` prefixed to run inside the server namespace. */
  inServer(command: string, args: string[]): [string, string[]] {
    return ['ip', ['netns', 'exec', this.serverNs, command, ...args]];
  }

  inClient(command: string, args: string[]): [string, string[]] {
    return ['ip', ['netns', 'exec', this.clientNs, command, ...args]];
  }

  /** Deletes both namespaces (the veth pair goes with them). Safe to call twice. */
  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    for (const ns of [this.serverNs, this.clientNs]) {
      try {
        execFileSync('ip', ['netns', 'delete', ns], { stdio: 'pipe' });
      } catch {
        // It was never created (creation failed half-way); nothing to undo.
      }
    }
  }
}
