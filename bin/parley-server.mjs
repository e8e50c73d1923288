#!/usr/bin/env node
// The standalone Parley server as a package binary: `parley-server --config server.json`.
// The server is TypeScript run through tsx (a dependency), loaded here by path relative to this
// file, so it works from a checkout, from `npm install -g`, and through node_modules/.bin links
// (Node resolves the link to this file before import.meta.url is set).
import { register } from 'tsx/esm/api';

if (Number(process.versions.node.split('.')[0]) < 20) {
  console.error(`parley-server needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(2);
}
register();
await import(new URL('../server/src/cli.ts', import.meta.url).href);
