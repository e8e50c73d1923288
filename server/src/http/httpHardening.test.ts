/**
 * The lower findings of the security review on the HTTP side: the web client is served with a
 * CSP that forbids framing and with nosniff; the update feed serves only regular files inside its
 * folder, never what a symbolic link points to (it served /etc/passwd through one).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Logger } from '../logger';
import { serveStatic } from './staticFiles';
import { updateFeedRoute } from './updateFeed';

const servers: http.Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'parley-http-'));
}

describe('HTTP hardening', () => {
  it('serves the web client with a CSP that forbids framing, nosniff and no framing by older browsers', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Parley</title>');
    const base = await listen((req, res) => serveStatic(root, req, res));
    const response = await fetch(`${base}/r/standup`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
  });

  it('refuses a symbolic link in the update feed folder, and still serves its plain files', async () => {
    const dir = tempDir();
    const secret = path.join(tempDir(), 'secret.txt');
    fs.writeFileSync(secret, 'not for the network\n');
    fs.symlinkSync(secret, path.join(dir, 'latest-linux.yml'));
    fs.writeFileSync(path.join(dir, 'latest.yml'), 'version: 1.0.0\n');
    const route = updateFeedRoute(dir, new Logger('[test]', 'silent'));
    const base = await listen((req, res) => {
      if (!route(req, res)) res.writeHead(500).end();
    });
    const linked = await fetch(`${base}/updates/latest-linux.yml`);
    expect(linked.status).toBe(404);
    expect(await linked.text()).not.toContain('not for the network');
    expect(await (await fetch(`${base}/updates/latest.yml`)).text()).toBe('version: 1.0.0\n');
  });
});
