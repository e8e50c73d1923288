#!/usr/bin/env node
// Bundles the Electron main process and the preload script into dist/main (CommonJS, as Electron
// loads them). Electron itself and the native better-sqlite3 stay outside the bundle.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  outExtension: { '.js': '.cjs' },
};

await Promise.all([
  build({
    ...common,
    entryPoints: { main: 'src-main/main.ts' },
    outdir: 'dist/main',
    platform: 'node',
    target: 'node20',
    external: ['electron', 'better-sqlite3'],
  }),
  // A sandboxed preload may require only 'electron' (and a few polyfilled modules): everything
  // else, zod included, is bundled in.
  build({
    ...common,
    entryPoints: { preload: 'src-main/preload/preload.ts' },
    outdir: 'dist/main',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    external: ['electron'],
  }),
]);
console.log('built dist/main (main.cjs, preload.cjs)');
