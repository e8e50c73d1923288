import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, type StartedChild } from '../../bench/lib/ChildProcess';
import { chromiumArgs, chromiumPath } from './chromiumArgs';
import { writeFakeSpeech } from './fakeSpeech';
import { FaultNet, ip } from './faultNet';
import { joinRoom, type JoinOptions, type Participant } from './fixtures';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = path.join(repo, 'test-results', 'netns');
const PORT = 8080;
const RTC_PORT = 40000;
let opened = 0;

/**
 * A meeting over a namespaced LAN (see faultNet.ts), for network-fault tests: the standalone
 * Parley server runs in the server namespace (its own process, on the bridge's address), the
 * faulted participant's Chromium on host `a` and the steady one's on host `b`, so only the faulted
 * one's path is impaired. Faults are real kernel ones (link down, nftables loss, tbf,
 * re-addressing). Everything is torn down by `close`, which is safe on a half-built lab.
 */
export class FaultLab {
  private server: StartedChild | undefined;
  private relay: StartedChild | undefined;
  private readonly browsers: Browser[] = [];
  private constructor(readonly net: FaultNet) {}

  /** `mediaDelayMs`: media goes through a relay beside the server that holds each packet that long each way. */
  static async open(options: { mediaDelayMs?: number | undefined } = {}): Promise<FaultLab> {
    const lab = new FaultLab(FaultNet.create(`${process.pid}-${++opened}`));
    try {
      await lab.start(options.mediaDelayMs);
    } catch (error) {
      await lab.close();
      throw error;
    }
    return lab;
  }

  /** The server's base URL, reachable from both namespaces. */
  get origin(): string {
    return `http://${this.net.serverIp}:${PORT}`;
  }

  private async start(mediaDelayMs: number | undefined): Promise<void> {
    let announced = this.net.serverIp;
    if (mediaDelayMs !== undefined) {
      announced = this.net.addServerAddress();
      const { child: relay } = await startChild(
        'ip',
        ['netns', 'exec', this.net.serverNs, process.execPath, '--import', 'tsx', 'e2e/support/delayRelay.ts',
          `${announced}:${RTC_PORT}`, `${this.net.serverIp}:${RTC_PORT}`, String(mediaDelayMs)],
        { ready: /relay ready/, timeoutMs: 30_000, label: 'delay relay', cwd: repo },
      );
      this.relay = relay;
    }
    const { child } = await startChild(
      'ip',
      ['netns', 'exec', this.net.serverNs, process.execPath, '--import', 'tsx', 'server/src/cli.ts',
        '--host', this.net.serverIp, '--announced', announced, '--port', String(PORT),
        '--workers', '1', '--rtc-port', String(RTC_PORT), '--log-level', 'info'],
      { ready: /Parley server ready/, timeoutMs: 60_000, label: 'parley server', cwd: repo },
    );
    this.server = child;
    // The server's own account of detaches, resumes and leaves, next to the test's figures.
    child.process.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (/detach\(\)|resume\(\)|leave\(\)|sendPathChanged|ERROR/.test(line)) console.log(`  [server] ${line.trim()}`);
    });
  }

  /** Joins `room` as `name` from the faulted client's namespace or from beside the server. */
  async join(where: 'faulted' | 'steady', room: string, name: string, options: JoinOptions = {}): Promise<Participant> {
    const browser = await this.launch(this.net.hosts[where === 'faulted' ? 'a' : 'b'].ns);
    return joinRoom(browser, `${this.origin}/r/${room}`, name, options);
  }

  private async launch(ns: string): Promise<Browser> {
    mkdirSync(scratch, { recursive: true });
    const wrapper = path.join(scratch, `chromium-in-${ns}.sh`);
    writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${ns} ${chromiumPath} "$@"\n`);
    chmodSync(wrapper, 0o755);
    const browser = await chromium.launch({
      executablePath: wrapper,
      // The page comes over plain HTTP from the server's veth address: let it use the camera.
      args: [...chromiumArgs(writeFakeSpeech(path.join(repo, 'test-results', 'fake-speech.wav'))), `--unsafely-treat-insecure-origin-as-secure=${this.origin}`],
    });
    this.browsers.push(browser);
    return browser;
  }

  private get faulted() {
    return this.net.hosts.a;
  }

  /** Takes the faulted client's link down (`down`) or brings it back up. */
  setLink(state: 'up' | 'down'): void {
    ip('-n', this.faulted.ns, 'link', 'set', this.faulted.dev, state);
  }

  /** Drops `percent`% of the faulted client's packets, both ways, at random (nftables). */
  setLoss(percent: number | null): void {
    const nft = (ruleset: string): void => void execFileSync('ip', ['netns', 'exec', this.faulted.ns, 'nft', '-f', '-'], { input: ruleset, stdio: ['pipe', 'pipe', 'pipe'] });
    if (percent === null) {
      nft('delete table inet parley_fault\n');
      return;
    }
    const drop = `numgen random mod 100 < ${percent} drop`;
    nft(`table inet parley_fault {
  chain in { type filter hook input priority 0; policy accept; ${drop}; }
  chain out { type filter hook output priority 0; policy accept; ${drop}; }
}
`);
  }

  /** Caps what reaches the faulted client (its downlink) with a token bucket, or removes the cap. */
  setDownlinkCap(kbit: number | null): void {
    const tc = (...args: string[]): void => void execFileSync('tc', ['-n', this.net.serverNs, 'qdisc', ...args, 'dev', this.faulted.serverPort, 'root'].concat(kbit === null ? [] : ['tbf', 'rate', `${kbit}kbit`, 'burst', '16kbit', 'latency', '200ms']), { stdio: 'pipe' });
    tc(kbit === null ? 'del' : 'add');
  }

  /** Moves the faulted client to another address on the same link (a roam): the old one is gone. */
  changeAddress(): string {
    const host = this.faulted;
    const next = host.ip.replace(/\.(\d+)$/, (_, last: string) => `.${Number(last) + 10}`);
    ip('-n', host.ns, 'addr', 'del', `${host.ip}/24`, 'dev', host.dev);
    ip('-n', host.ns, 'addr', 'add', `${next}/24`, 'dev', host.dev);
    host.ip = next;
    return next;
  }

  /** Closes the browsers and the server, then deletes the namespaces. Safe to call twice. */
  async close(): Promise<void> {
    for (const browser of this.browsers.splice(0)) await browser.close().catch((error: unknown) => console.warn(`closing a browser: ${String(error)}`));
    await this.server?.stop();
    this.server = undefined;
    await this.relay?.stop();
    this.relay = undefined;
    this.net.delete();
  }
}

