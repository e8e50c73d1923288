#!/usr/bin/env node
// Builds (or finds in the cache) the offline worker for any mediasoup version with a recipe,
// whatever version package.json pins: `node scripts/worker/build.mjs 3.32.2`. The sources come from
// the npm registry (npm pack), like a normal install. Prints the binary's path on the last line;
// `npm run bench -- --worker-bin <path>` measures it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildWorker, runsHere, workerCacheDir } from './recipes.mjs';

const version = process.argv[2];
if (!version) {
  console.error('usage: node scripts/worker/build.mjs <mediasoup version>');
  process.exit(2);
}

try {
  const cached = path.join(workerCacheDir(version), 'mediasoup-worker');
  if (runsHere(cached, spawnSync)) {
    console.log(`[worker] from cache`);
    console.log(cached);
    process.exit(0);
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-mediasoup-src-'));
  try {
    const pack = spawnSync('npm', ['pack', `mediasoup@${version}`, '--silent', '--pack-destination', scratch],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (pack.status !== 0) throw new Error(`npm pack mediasoup@${version} failed`);
    const tgz = path.join(scratch, pack.stdout.trim().split('\n').pop());
    const unpacked = spawnSync('tar', ['-xzf', tgz, '-C', scratch], { stdio: 'inherit' });
    if (unpacked.status !== 0) throw new Error(`cannot unpack ${tgz}`);
    const bin = buildWorker(version, path.join(scratch, 'package', 'worker'));
    if (!runsHere(bin, spawnSync)) throw new Error(`the worker at ${bin} does not run on this machine`);
    console.log(bin);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
} catch (error) {
  console.error(`[worker] ${error.message}`);
  process.exit(1);
}
