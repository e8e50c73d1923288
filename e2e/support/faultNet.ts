import { execFileSync } from 'node:child_process';

const SUBNET = '10.77.0';

/** One participant host: its namespace, its end of the link, and its address. */
export interface Host {
  ns: string;
  /** The interface inside `ns` (the faults are applied to it). */
  dev: string;
  /** The server-side end of its link, a port of the server's bridge. */
  serverPort: string;
  ip: string;
}

/**
 * A small LAN in network namespaces: the server's namespace holds a bridge with the server's
 * address, and each participant host has its own namespace, joined to the bridge by a veth pair.
 * Taking one host's link down leaves the bridge (and the others) up, as on a real switch. The
 * subnet exists only inside these namespaces (no route leads anywhere else), so it is the same
 * every run; the namespace names are unique per run. Like bench/lib/netns.ts, for more hosts.
 */
export class FaultNet {
  readonly serverNs: string;
  readonly serverIp = `${SUBNET}.1`;
  readonly hosts: Record<'a' | 'b', Host>;
  private readonly namespaces: string[] = [];
  private deleted = false;

  private constructor(tag: string) {
    this.serverNs = `pfault-${tag}-srv`;
    this.hosts = {
      a: { ns: `pfault-${tag}-a`, dev: 'eth0', serverPort: 'pfa0', ip: `${SUBNET}.11` },
      b: { ns: `pfault-${tag}-b`, dev: 'eth0', serverPort: 'pfb0', ip: `${SUBNET}.12` },
    };
  }

  /**
   * Builds the namespaces and links; undoes what it built if a step fails, and deletes them when
   * the process exits without `delete` (a runner stopped mid-test). Needs root. `tag` starts with
   * the process id, which lets a later run delete namespaces that a killed run left behind.
   */
  static create(tag: string): FaultNet {
    if (process.getuid?.() !== 0) throw new Error('network-fault tests need root (CI runs as root)');
    deleteOrphans();
    const net = new FaultNet(tag);
    process.once('exit', () => net.delete());
    try {
      net.add(net.serverNs);
      ip('-n', net.serverNs, 'link', 'add', 'pfbr0', 'type', 'bridge');
      ip('-n', net.serverNs, 'addr', 'add', `${net.serverIp}/24`, 'dev', 'pfbr0');
      ip('-n', net.serverNs, 'link', 'set', 'pfbr0', 'up');
      for (const host of Object.values(net.hosts)) {
        net.add(host.ns);
        ip('link', 'add', host.serverPort, 'netns', net.serverNs, 'type', 'veth', 'peer', 'name', host.dev, 'netns', host.ns);
        ip('-n', net.serverNs, 'link', 'set', host.serverPort, 'master', 'pfbr0', 'up');
        ip('-n', host.ns, 'addr', 'add', `${host.ip}/24`, 'dev', host.dev);
        ip('-n', host.ns, 'link', 'set', host.dev, 'up');
      }
    } catch (error) {
      net.delete();
      throw new Error(`could not build the fault network: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
    }
    return net;
  }

  /** A second address for the server's namespace (a relay's), on the same bridge. */
  addServerAddress(): string {
    const address = `${SUBNET}.2`;
    ip('-n', this.serverNs, 'addr', 'add', `${address}/24`, 'dev', 'pfbr0');
    return address;
  }

  /** Deletes every namespace (links, rules and qdiscs go with them). Safe to call twice. */
  delete(): void {
    if (this.deleted) return;
    this.deleted = true;
    for (const ns of this.namespaces.reverse()) {
      try {
        ip('netns', 'delete', ns);
      } catch (error) {
        console.warn(`could not delete namespace ${ns}: ${String(error)}`);
      }
    }
  }

  private add(ns: string): void {
    ip('netns', 'add', ns);
    this.namespaces.push(ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
  }
}

/** Namespaces of this suite (`pfault-<pid>-...`) whose process is gone: a run killed before its teardown. */
function deleteOrphans(): void {
  const names = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n').map((line) => line.split(' ')[0] ?? '');
  for (const name of names) {
    const pid = /^pfault-(\d+)-/.exec(name)?.[1];
    if (!pid || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    try {
      ip('netns', 'delete', name);
    } catch (error) {
      console.warn(`could not delete the orphaned namespace ${name}: ${String(error)}`);
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function ip(...args: string[]): void {
  execFileSync('ip', args, { stdio: 'pipe' });
}
