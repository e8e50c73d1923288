#!/usr/bin/env node
// `npm run dist`: builds Parley's installers for this OS with electron-builder (electron-builder.yml):
// NSIS on Windows, dmg + zip on macOS, AppImage + deb + rpm on Linux, into dist/installers/ with
// the update feed files (latest*.yml) beside them. Needs the Electron binary and electron-builder's
// tool downloads (NSIS, fpm, AppImage runtime), so it needs a machine with internet; where they
// cannot be had it stops with one clear sentence. Run through tsx (package.json) so the
// decisions can live in tested TypeScript: src-main/packaging/distPlan.ts.
// `npm run dist -- --plan` only prints what it would build (and writes dist/electron-builder.plan.json);
// that part needs no Electron and no internet.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBuilderConfig, validateBuilderConfig } from '../src-main/packaging/builderConfig.ts';
import { planDist } from '../src-main/packaging/distPlan.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function fail(message, status = 2) {
  console.error(`npm run dist: ${message}`);
  process.exit(status);
}

function step(title) {
  console.log(`\n== ${title}`);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) fail(`${command} ${args.join(' ')} failed (status ${result.status ?? result.signal})`, 1);
}

if (!['win32', 'darwin', 'linux'].includes(process.platform)) fail(`installers are built on Windows, macOS or Linux, not ${process.platform}.`);
const planOnly = process.argv.includes('--plan');

// require('electron') answers the binary's path, or throws when npm could not download it.
let electronBinary = null;
try {
  electronBinary = require('electron');
} catch {
  electronBinary = null;
}
if (!planOnly && (typeof electronBinary !== 'string' || !fs.existsSync(electronBinary))) {
  fail(
    "Electron's binary is not installed here (npm downloads it from GitHub, which this machine cannot reach), " +
      'and the installers are built from it. On a machine with internet run `npm ci` and then `npm run dist`.',
  );
}

const workerBin = path.join(root, 'node_modules', 'mediasoup', 'worker', 'out', 'Release', process.platform === 'win32' ? 'mediasoup-worker.exe' : 'mediasoup-worker');

if (!planOnly) {
  step('web client, main process, mediasoup worker, better-sqlite3 for Electron');
  run('npm', ['run', '--silent', 'build:web', '--', '--logLevel', 'warn']);
  run('node', ['scripts/build-main.mjs']);
  run('node', ['scripts/ensure-worker.mjs']);
  run('node', ['scripts/ensure-electron-native.mjs']);
}
if (!fs.existsSync(workerBin)) fail(`there is no mediasoup worker at ${path.relative(root, workerBin)}.`, 1);

/** What the worker links to (Linux) or which architectures it holds (macOS): the plan depends on it. */
function workerFacts() {
  const tryRun = (command, args) => {
    try {
      return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    } catch {
      return '';
    }
  };
  if (process.platform === 'linux') {
    const needed = [...tryRun('readelf', ['-d', workerBin]).matchAll(/\(NEEDED\).*\[(.+)\]/g)].map((m) => m[1]);
    return { needed, archs: [] };
  }
  if (process.platform === 'darwin') return { needed: [], archs: tryRun('lipo', ['-archs', workerBin]).trim().split(/\s+/).filter(Boolean) };
  return { needed: [], archs: [] };
}

step('plan');
const config = await loadBuilderConfig(root);
const plan = planDist({ platform: process.platform, arch: process.arch, env: process.env, config, worker: workerFacts() });
await validateBuilderConfig(plan.config);
for (const note of plan.notes) console.log(`  ${note}`);
const planFile = path.join(root, 'dist', 'electron-builder.plan.json');
fs.mkdirSync(path.dirname(planFile), { recursive: true });
fs.writeFileSync(planFile, `${JSON.stringify(plan.config, null, 2)}\n`);
if (planOnly) {
  console.log(`\n${plan.platformFlag} with ${path.relative(root, planFile)} (electron-builder's validation passed)`);
  process.exit(0);
}

step('electron-builder');
const builder = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), plan.platformFlag, '--config', planFile, '--publish', 'never'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...plan.env },
});
if (builder.status !== 0) {
  fail(
    `electron-builder failed (status ${builder.status ?? builder.signal}). It downloads its tools (NSIS, fpm, the AppImage ` +
      'runtime) on first use: check the output above for a download that could not be made.',
    1,
  );
}
const outDir = path.join(root, 'dist', 'installers');
console.log(`\nInstallers and update feed files in ${path.relative(root, outDir)}/:`);
for (const name of fs.readdirSync(outDir).filter((n) => fs.statSync(path.join(outDir, n)).isFile()).sort()) console.log(`  ${name}`);
console.log('To serve them to the apps on your network, point a Parley server at this folder ("updateFeed": {"dir": ...}).');
