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
  /** The veth end inside the client namespace. */
  readonly clientIf = 'pbcli0';
  private deleted = false;
  /** The client namespace's address right now (see `moveClient`). */
  private clientAt: string;
  private readonly clientElsewhere: string;

  private constructor(tag: string, subnet: number) {
    this.serverNs = `pbench-srv-${tag}`;
    this.clientNs = `pbench-cli-${tag}`;
    this.serverIp = `10.213.${subnet}.2`;
    this.clientIp = `10.213.${subnet}.1`;
    this.clientAt = this.clientIp;
    this.clientElsewhere = `10.213.${subnet}.11`;
  }

  /** `tag` keeps the names unique when one process makes more than one pair (the pid by default). */
  static create(tag = String(process.pid)): NetnsPair {
    if (process.getuid?.() !== 0) throw new BenchError(BenchErrorCode.MissingTool, 'network namespaces need root');
    const pair = new NetnsPair(tag, process.pid % 250);
    try {
      const ip = (...args: string[]): void => void execFileSync('ip', args, { stdio: 'pipe' });
      ip('netns', 'add', pair.serverNs);
      ip('netns', 'add', pair.clientNs);
      ip('link', 'add', pair.serverIf, 'netns', pair.serverNs, 'type', 'veth', 'peer', 'name', pair.clientIf, 'netns', pair.clientNs);
      for (const [ns, dev, addr] of [
        [pair.serverNs, pair.serverIf, pair.serverIp],
        [pair.clientNs, pair.clientIf, pair.clientIp],
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

  /**
   * Routes multicast over the veth pair in both namespaces (a namespace has no default route, so
   * mDNS's 224.0.0.251 would otherwise have nowhere to go).
   */
  enableMulticast(): void {
    for (const [ns, dev] of [
      [this.serverNs, this.serverIf],
      [this.clientNs, this.clientIf],
    ] as const) {
      execFileSync('ip', ['-n', ns, 'route', 'add', '224.0.0.0/4', 'dev', dev], { stdio: 'pipe' });
    }
  }

  /**
   * A roam: the client namespace's address moves to the other of two addresses on the same link
   * (the old one is gone, as when a laptop changes networks). Returns the new address.
   */
  moveClient(): string {
    const next = this.clientAt === this.clientIp ? this.clientElsewhere : this.clientIp;
    execFileSync('ip', ['-n', this.clientNs, 'addr', 'del', `${this.clientAt}/24`, 'dev', this.clientIf], { stdio: 'pipe' });
    execFileSync('ip', ['-n', this.clientNs, 'addr', 'add', `${next}/24`, 'dev', this.clientIf], { stdio: 'pipe' });
    this.clientAt = next;
    return next;
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
