/**
 * Discovery across machines: a real LanHost advertises its meeting in one network namespace and
 * a browser in another finds it, with its code and fingerprint, and reaches it at the advertised
 * address, presenting that very certificate. Namespaces joined by a veth pair keep every packet
 * (multicast included) on this machine; they are deleted afterwards even when the test fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetnsPair } from '../../../bench/lib/netns';
import { waitFor } from '../testing/waitFor';
import type { DiscoveredMeeting } from './discovery';
import type { LanHostInfo } from './LanHost';

const peerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'discoveryPeer.ts');

interface Peer {
  lines: Array<Record<string, unknown>>;
  child: ChildProcess;
  stderr: string[];
}

function run(pair: NetnsPair, where: 'server' | 'client', args: string[]): Peer {
  const [command, argv] = where === 'server' ? pair.inServer(process.execPath, ['--import', 'tsx', peerScript, ...args]) : pair.inClient(process.execPath, ['--import', 'tsx', peerScript, ...args]);
  const child = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  const peer: Peer = { lines: [], child, stderr: [] };
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      peer.lines.push(JSON.parse(buffered.slice(0, nl)) as Record<string, unknown>);
      buffered = buffered.slice(nl + 1);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => peer.stderr.push(chunk.toString()));
  return peer;
}

async function stop(peer: Peer | undefined): Promise<void> {
  if (!peer || peer.child.exitCode !== null) return;
  const exited = new Promise((resolve) => peer.child.once('exit', resolve));
  peer.child.kill('SIGTERM');
  const timer = setTimeout(() => peer.child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

describe('discovery on the LAN (network namespaces; root, as in CI)', () => {
  let pair: NetnsPair | undefined;
  let host: Peer | undefined;
  let browser: Peer | undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-discovery-'));

  beforeAll(() => {
    pair = NetnsPair.create(`lan${process.pid}${Date.now() % 100000}`);
    pair.enableMulticast();
  });

  afterAll(async () => {
    await stop(browser);
    await stop(host);
    pair?.delete();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('finds a meeting hosted on another machine, with its code and fingerprint, and reaches it there', async () => {
    host = run(pair!, 'server', ['host', dataDir]);
    const hosting = (await waitFor(() => host!.lines.find((l) => l.hosting)?.hosting, `the host to start (${host!.stderr.join('')})`, 30_000)) as LanHostInfo;
    expect(hosting.address).toBe(pair!.serverIp);

    browser = run(pair!, 'client', ['browse']);
    const found = await waitFor(
      () => browser!.lines.flatMap((l) => (l.found as DiscoveredMeeting[] | undefined) ?? []).find((m) => m.code === hosting.code),
      `the browser to find ${hosting.code} (${browser!.stderr.join('')})`,
      30_000,
    );
    expect(found).toMatchObject({
      name: 'Namespace standup',
      code: hosting.code,
      fingerprint: hosting.fingerprint,
      server: `https://${pair!.serverIp}:${hosting.port}`,
    });
    const verified = await waitFor(() => browser!.lines.find((l) => (l.verified as { id?: string } | undefined)?.id === found.id), 'the certificate check', 15_000);
    expect((verified.verified as { presented: string }).presented).toBe(hosting.fingerprint);
  });

  it('drops the meeting from the list when the host stops', async () => {
    await stop(host);
    await waitFor(() => {
      const last = browser!.lines.filter((l) => l.found).at(-1)?.found as DiscoveredMeeting[] | undefined;
      return last !== undefined && last.length === 0;
    }, 'the meeting to leave the list', 15_000);
  });
});
