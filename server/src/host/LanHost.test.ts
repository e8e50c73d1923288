/**
 * The hosting core, as the desktop app's utility process and the terminal run it, on loopback:
 * a certificate made once and kept, HTTPS and WSS on one port presenting exactly that
 * certificate, the host's token, and everything closed afterwards.
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseInviteLink } from '../../../src-common/invite';
import { TestClient } from '../testing/TestClient';
import { CERT_FILE, certFingerprint, KEY_FILE } from './certificate';
import { allIpv4Addresses } from './hostNetwork';
import { LanHost, type LanHostOptions } from './LanHost';
import { peerFingerprint } from './peerCertificate';

const opened: LanHost[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const host of opened.splice(0)) await host.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-lanhost-'));
  dirs.push(dir);
  return dir;
}

async function start(options: Partial<LanHostOptions> & { dataDir: string }): Promise<LanHost> {
  const host = await LanHost.start({
    meetingName: 'Standup',
    hostName: 'Hana',
    bind: '127.0.0.1',
    port: 0,
    rtcPort: 0,
    advertise: false,
    server: { workers: 1, logLevel: 'warn' },
    ...options,
  });
  opened.push(host);
  return host;
}

/** The Set-Cookie of a signaling socket's handshake. */
function cookieOf(url: string, options: WebSocket.ClientOptions): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, options);
    socket.once('upgrade', (response) => {
      resolve(response.headers['set-cookie']?.[0]);
      socket.close();
    });
    socket.once('error', reject);
  });
}

/** One plain HTTP GET from the given local address to `address:port`. */
function plainGet(address: string, port: number, path: string): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: address, port, path, localAddress: address }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body }));
    });
    request.once('error', reject);
  });
}

describe('LanHost', () => {
  it('serves HTTPS and WSS on one port with the certificate its invite names', async () => {
    const host = await start({ dataDir: dataDir() });
    const { info } = host;
    expect(info.server).toBe(`https://127.0.0.1:${info.port}`);
    expect(parseInviteLink(info.link)).toEqual({ server: info.server, code: info.code, fingerprint: info.fingerprint });
    expect(parseInviteLink(info.deepLink)).toEqual(parseInviteLink(info.link));
    expect(await peerFingerprint('127.0.0.1', info.port)).toBe(info.fingerprint);
    expect(info.startupMs).toBeGreaterThan(0);

    const hostClient = await TestClient.connect(`wss://127.0.0.1:${info.port}/ws`, { rejectUnauthorized: false });
    try {
      const joined = await hostClient.joinRoom(info.roomId, 'Hana', info.hostToken);
      expect(joined.role).toBe('host');
      expect((await hostClient.call('getLobby', {})).code).toBe(info.code);
    } finally {
      hostClient.close();
    }
  });

  it('serves this machine plain HTTP on localhost (no warning) while the LAN address keeps HTTPS with the pinned certificate', async (context) => {
    const lan = allIpv4Addresses().find((address) => !address.startsWith('127.'));
    if (!lan) return context.skip('this machine has no LAN address');
    const host = await start({ dataDir: dataDir(), bind: '0.0.0.0', announcedAddress: lan });
    const { info } = host;
    expect(info.localLink).toBe(`http://localhost:${info.port}/j/${info.code}`);
    // This machine, in the clear: the web client and the signaling socket, with a cookie fit for http.
    const page = await fetch(info.localLink);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    const plainSocket = await cookieOf(`ws://localhost:${info.port}/ws`, {});
    expect(plainSocket).toMatch(/; SameSite=Lax$/);
    // The LAN address: TLS with exactly the pinned certificate, and its cookie only over TLS.
    expect(info.server).toBe(`https://${lan}:${info.port}`);
    expect(await peerFingerprint(lan, info.port)).toBe(info.fingerprint);
    expect(await cookieOf(`wss://${lan}:${info.port}/ws`, { rejectUnauthorized: false })).toMatch(/; SameSite=None; Secure$/);
    // Plain HTTP from another address (here this machine's own LAN address) is never served: redirected to https.
    const redirected = await plainGet(lan, info.port, '/j/' + info.code);
    expect(redirected.status).toBe(308);
    expect(redirected.location).toBe(`https://${lan}:${info.port}/j/${info.code}`);
    expect(redirected.body).not.toContain('<html');
    await expect(cookieOf(`ws://${lan}:${info.port}/ws`, {})).rejects.toThrow(/308/);
  });

  it('makes the certificate once and keeps it: the next meeting has the same fingerprint and a new code', async () => {
    const dir = dataDir();
    const first = await start({ dataDir: dir });
    const { fingerprint, code } = first.info;
    await first.close();
    expect(certFingerprint(fs.readFileSync(path.join(dir, CERT_FILE), 'utf8'))).toBe(fingerprint);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o077).toBe(0);
    const second = await start({ dataDir: dir });
    expect(second.info.fingerprint).toBe(fingerprint);
    expect(second.info.code).not.toBe(code);
  });

  it('replaces a damaged certificate file instead of failing, and makes a loose key file private', async () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, CERT_FILE), 'not a certificate');
    fs.writeFileSync(path.join(dir, KEY_FILE), 'not a key');
    fs.chmodSync(path.join(dir, KEY_FILE), 0o644);
    const host = await start({ dataDir: dir });
    expect(await peerFingerprint('127.0.0.1', host.info.port)).toBe(host.info.fingerprint);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    await host.close();
    // A kept key whose mode was loosened (copied, restored) is made private again when read.
    fs.chmodSync(path.join(dir, KEY_FILE), 0o644);
    const again = await start({ dataDir: dir });
    expect(again.info.fingerprint).toBe(host.info.fingerprint);
    expect(fs.statSync(path.join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('takes a free port when the fixed default port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    try {
      const host = await start({ dataDir: dataDir(), port: taken });
      expect(host.info.port).not.toBe(taken);
      expect(await peerFingerprint('127.0.0.1', host.info.port)).toBe(host.info.fingerprint);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
  });

  it('tells participants the host ended the meeting, stops listening when closed, and closing twice is harmless', async () => {
    const host = await start({ dataDir: dataDir() });
    const participant = await TestClient.connect(`wss://127.0.0.1:${host.info.port}/ws`, { rejectUnauthorized: false });
    await participant.joinRoom(host.info.roomId, 'Hana', host.info.hostToken);
    await host.close();
    expect((await participant.closedWithin()).code).toBe(4002);
    await host.close();
    await expect(peerFingerprint('127.0.0.1', host.info.port)).rejects.toThrow(/ECONNREFUSED/);
  });
});
