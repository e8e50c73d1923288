#!/usr/bin/env node
// Puts a working mediasoup-worker binary where the mediasoup package looks for it
// (node_modules/mediasoup/worker/out/Release), so the server needs no environment variable.
//
// Order: the binary already there (mediasoup's own postinstall put it there on a machine with
// internet) -> our cache, keyed by mediasoup version, patch hash, platform and arch -> the
// official prebuilt download -> a build from the installed package's own sources against the
// system libraries (Debian), with the patch in scripts/. Each step checks that the binary runs.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const mediasoupDir = path.join(root, 'node_modules', 'mediasoup');
const binName = process.platform === 'win32' ? 'mediasoup-worker.exe' : 'mediasoup-worker';
const target = path.join(mediasoupDir, 'worker', 'out', 'Release', binName);
const { version, repository } = JSON.parse(fs.readFileSync(path.join(mediasoupDir, 'package.json'), 'utf8'));
const patchFile = path.join(root, 'scripts', `mediasoup-${version}-system-libs.meson.diff`);

function log(message) {
  console.log(`[worker] ${message}`);
}

/** mediasoup-worker run without MEDIASOUP_VERSION exits with 41: proof it loads and runs here. */
function runsHere(bin) {
  if (!fs.existsSync(bin)) return false;
  const result = spawnSync(bin, [], { env: {}, stdio: 'ignore' });
  return result.status === 41;
}

function cacheKey() {
  const patchHash = fs.existsSync(patchFile)
    ? createHash('sha256').update(fs.readFileSync(patchFile)).digest('hex').slice(0, 12)
    : 'nopatch';
  return `mediasoup-worker-${version}-${patchHash}-${process.platform}-${os.arch()}`;
}

function cacheDir() {
  const base = process.env.PARLEY_CACHE_DIR
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'parley');
  return path.join(base, cacheKey());
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

function buildFromSource(dest) {
  if (process.platform !== 'linux') {
    throw new Error('building the worker from source is only scripted for Linux; install with internet access to get the prebuilt worker');
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-worker-'));
  try {
    fs.cpSync(path.join(mediasoupDir, 'worker'), path.join(scratch, 'worker'), { recursive: true });
    run('patch', ['-p1', '--forward', '-i', patchFile], { cwd: scratch });
    const build = path.join(scratch, 'build');
    const started = Date.now();
    run('meson', ['setup', '--buildtype=release', '-Db_ndebug=true', '-Db_pie=true', '-Db_staticpic=true',
      build, path.join(scratch, 'worker')]);
    run('ninja', ['-C', build, 'mediasoup-worker']);
    log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
    fs.copyFileSync(path.join(build, binName), path.join(dest, binName));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function main() {
  if (runsHere(target)) {
    log(`ok: ${path.relative(root, target)}`);
    return;
  }
  const dir = cacheDir();
  const cached = path.join(dir, binName);
  if (!runsHere(cached)) {
    fs.mkdirSync(dir, { recursive: true });
    if (!(await downloadPrebuilt(dir))) buildFromSource(dir);
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
