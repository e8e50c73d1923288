/**
 * The standalone server as it ships: the package binary (package.json "bin") started as a child
 * process, through a node_modules/.bin-style link from another folder, with a configuration file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './config';
import { waitFor } from './testing/waitFor';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string> };
let work: string;
let linkedBin: string;
const children: ChildProcess[] = [];

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function run(args: string[]): Run {
  // Started by its link, from an unrelated folder, the way `parley-server` runs once installed.
  const child = spawn(process.execPath, [linkedBin, ...args], { cwd: work, env: { ...process.env, PARLEY_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

function writeConfig(name: string, content: unknown): string {
  const file = path.join(work, name);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bin-'));
  fs.mkdirSync(path.join(work, 'node_modules', '.bin'), { recursive: true });
  linkedBin = path.join(work, 'node_modules', '.bin', 'parley-server');
  fs.symlinkSync(path.join(repoRoot, pkg.bin['parley-server']!), linkedBin);
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

describe('parley-server (the package binary)', () => {
  it('is declared in package.json and executable', () => {
    expect(pkg.bin['parley-server']).toBe('bin/parley-server.mjs');
    expect(fs.statSync(path.join(repoRoot, pkg.bin['parley-server']!)).mode & 0o111).not.toBe(0);
  });

  it('starts with a configuration file, answers health and readiness, and stops cleanly on SIGTERM', async () => {
    fs.mkdirSync(path.join(work, 'feed'), { recursive: true });
    fs.writeFileSync(path.join(work, 'feed', 'latest.yml'), 'version: 0.2.0\n');
    fs.writeFileSync(path.join(work, 'token.key'), Buffer.alloc(32, 7));
    const config = writeConfig('server.json', {
      host: '127.0.0.1',
      port: 0,
      workers: 1,
      rtcPort: 0,
      logLevel: 'warn',
      tokenSecretFile: 'token.key',
      updateFeed: { dir: 'feed' },
    });
    const server = run(['--config', config]);
    const port = await waitFor(() => /localhost:(\d+)\//.exec(server.stdout())?.[1], 'the join link on stdout', 30_000);
    const base = `http://127.0.0.1:${port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true, workers: 1 });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, workers: { live: 1, configured: 1 } });
    // Paths in the file are relative to it: the feed folder is served.
    expect(await (await fetch(`${base}/updates/latest.yml`)).text()).toBe('version: 0.2.0\n');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it.each([
    ['an unknown key and a port of the wrong type', { port: 'eighty', colour: 'blue' }, /CONFIG_INVALID[\s\S]*port:[\s\S]*colour/],
    ['a port out of range', { port: 70000 }, /CONFIG_INVALID[\s\S]*port: /],
    ['a token key that is too short', { tokenSecretFile: 'short.key' }, /CONFIG_INVALID[\s\S]*tokenSecretFile: .* 3 bytes/],
    ['an update feed folder that is not there', { updateFeed: { dir: 'nowhere' } }, /CONFIG_INVALID[\s\S]*updateFeed\.dir: .*nowhere is not a folder/],
    ['text that is not JSON', '{ port: 8443 ', /CONFIG_NOT_JSON/],
  ])('refuses %s with a coded error and a non-zero exit', async (_name, content, message) => {
    fs.writeFileSync(path.join(work, 'short.key'), 'abc');
    const file = writeConfig('bad.json', content);
    const server = run(['--config', file]);
    expect(await server.exited).toBe(2);
    expect(server.stderr()).toMatch(message);
    expect(server.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says so when the configuration file does not exist', async () => {
    const server = run(['--config', path.join(work, 'missing.json')]);
    expect(await server.exited).toBe(2);
    expect(server.stderr()).toMatch(/CONFIG_NOT_FOUND: there is no configuration file at .*missing\.json/);
  });
});
