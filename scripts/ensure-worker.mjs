#!/usr/bin/env node
// Puts a working mediasoup-worker binary where the mediasoup package looks for it
// (node_modules/mediasoup/worker/out/Release), so the server needs no environment variable.
//
// Order: the binary already there (mediasoup's own postinstall put it there on a machine with
// internet) -> our cache, keyed by mediasoup version, the hash of every file of its build recipe,
// platform and arch -> the official prebuilt download -> a build from the installed package's own
// sources against Debian's libraries, with the version's recipe (scripts/worker/recipes.mjs).
// Each step checks that the binary runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWorker, runsHere as runsWith, workerCacheDir } from './worker/recipes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mediasoupDir = path.join(root, 'node_modules', 'mediasoup');
const binName = process.platform === 'win32' ? 'mediasoup-worker.exe' : 'mediasoup-worker';
const target = path.join(mediasoupDir, 'worker', 'out', 'Release', binName);
const { version, repository } = JSON.parse(fs.readFileSync(path.join(mediasoupDir, 'package.json'), 'utf8'));

function log(message) {
  console.log(`[worker] ${message}`);
}

function runsHere(bin) {
  return runsWith(bin, spawnSync);
}

function install(from) {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(from, target);
  fs.chmodSync(target, 0o755);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed with status ${result.status ?? result.signal}`);
  }
}

async function downloadPrebuilt(dest) {
  const base = repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
  const url = `${base}/releases/download/${version}/mediasoup-worker-${version}-${process.platform}-${os.arch()}.tgz`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    if (!res.ok) {
      log(`no prebuilt worker (${res.status} from ${url})`);
      return false;
    }
    const tgz = path.join(dest, 'prebuilt.tgz');
    fs.writeFileSync(tgz, Buffer.from(await res.arrayBuffer()));
    run('tar', ['-xzf', tgz, '-C', dest]);
    fs.rmSync(tgz);
    return runsHere(path.join(dest, binName));
  } catch (error) {
    log(`prebuilt worker not reachable (${error.cause?.code ?? error.message}); building from source`);
    return false;
  }
}

async function main() {
  if (runsHere(target)) {
    log(`ok: ${path.relative(root, target)}`);
    return;
  }
  const dir = workerCacheDir(version);
  const cached = path.join(dir, binName);
  if (!runsHere(cached)) {
    const prebuilt = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-prebuilt-'));
    try {
      if (await downloadPrebuilt(prebuilt)) {
        fs.mkdirSync(dir, { recursive: true });
        fs.copyFileSync(path.join(prebuilt, binName), cached);
      } else {
        buildWorker(version, path.join(mediasoupDir, 'worker'));
      }
    } finally {
      fs.rmSync(prebuilt, { recursive: true, force: true });
    }
    if (!runsHere(cached)) throw new Error(`the worker at ${cached} does not run on this machine`);
    log(`cached at ${cached}`);
  } else {
    log(`from cache ${cached}`);
  }
  install(cached);
  log(`ok: ${path.relative(root, target)}`);
}

main().catch((error) => {
  console.error(`[worker] ${error.message}`);
  process.exit(1);
});
