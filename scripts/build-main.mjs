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

// The server's modules find the web client from import.meta.url; in a CommonJS bundle that is the
// bundle's own file (dist/main/*.cjs), two folders below the repository like server/src/config.ts.
const nodeTarget = {
  platform: 'node',
  target: 'node20',
  // mediasoup finds its worker binary beside its own files; bonjour-service is plain CommonJS.
  external: ['electron', 'better-sqlite3', 'mediasoup'],
  define: { 'import.meta.url': '__parleyModuleUrl' },
  banner: { js: "const __parleyModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
};

await Promise.all([
  build({
    ...common,
    ...nodeTarget,
    entryPoints: { main: 'src-main/main.ts' },
    outdir: 'dist/main',
  }),
  // The LAN host's utility process: the SFU, crash-isolated from the window (src-main/host/hostProcess.ts).
  build({
    ...common,
    ...nodeTarget,
    entryPoints: { hostProcess: 'src-main/host/hostProcess.ts' },
    outdir: 'dist/main',
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
console.log('built dist/main (main.cjs, hostProcess.cjs, preload.cjs)');
