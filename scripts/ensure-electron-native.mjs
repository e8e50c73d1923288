#!/usr/bin/env node
// better-sqlite3 is a native addon: the copy in node_modules is built for Node (the tests use
// it), and Electron needs one built for its own ABI. This script builds the Electron one with
// @electron/rebuild in a staging copy, so the Node build is never replaced, and keeps it in
// dist/native/electron-abi-<abi>/ where the main process finds it (src-main/app/paths.ts).
// Runs only where an Electron binary exists; idempotent and quick once built.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

let electronBinary;
try {
  electronBinary = require('electron');
} catch {
  console.error('ensure-electron-native: there is no Electron binary here, so there is nothing to build for it.');
  process.exit(2);
}
const electronVersion = require('electron/package.json').version;
const abi = execFileSync(electronBinary, ['-p', 'process.versions.modules'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } })
  .toString()
  .trim();
const target = path.join(root, 'dist', 'native', `electron-abi-${abi}`, 'better_sqlite3.node');
if (fs.existsSync(target)) {
  console.log(`better-sqlite3 for Electron ${electronVersion} (ABI ${abi}): up to date`);
  process.exit(0);
}

const stage = path.join(root, 'dist', 'native', 'stage');
const source = path.dirname(require.resolve('better-sqlite3/package.json'));
const { version } = require('better-sqlite3/package.json');
fs.rmSync(stage, { recursive: true, force: true });
fs.mkdirSync(path.join(stage, 'node_modules'), { recursive: true });
fs.cpSync(source, path.join(stage, 'node_modules', 'better-sqlite3'), { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) && !p.endsWith(`${path.sep}build`) });
fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'parley-native-stage', private: true, dependencies: { 'better-sqlite3': version } }));

console.log(`building better-sqlite3 ${version} for Electron ${electronVersion} (ABI ${abi})...`);
const { rebuild } = await import('@electron/rebuild');
await rebuild({ buildPath: stage, electronVersion, onlyModules: ['better-sqlite3'], force: true, buildFromSource: true });
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(stage, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
fs.rmSync(stage, { recursive: true, force: true });
console.log(`built ${path.relative(root, target)}`);
