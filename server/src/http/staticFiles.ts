import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { contentTypeOf } from '../../../src-common/contentTypes';
import { WEB_CLIENT_CSP } from '../../../src-common/contentSecurityPolicy';

/**
 * Serves the built web client from `root`. Paths are resolved inside `root` only; anything that
 * is not a file (a room link such as /r/standup) gets index.html, so the client routes it.
 */
export function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  } catch {
    res.writeHead(400).end('bad path');
    return;
  }
  const resolved = path.resolve(root, `.${pathname}`);
  const inside = resolved === root || resolved.startsWith(root + path.sep);
  const file = inside && isFile(resolved) ? resolved : path.join(root, 'index.html');
  if (!isFile(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('the web client is not built: run npm run build:web');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeOf(file),
    // Hashed assets never change; the page itself must be revalidated.
    'cache-control': file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'x-content-type-options': 'nosniff',
    'content-security-policy': WEB_CLIENT_CSP,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file).pipe(res);
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
