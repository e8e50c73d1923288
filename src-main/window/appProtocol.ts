import fs from 'node:fs/promises';
import path from 'node:path';
import { contentTypeOf } from '../../src-common/contentTypes';
import { contentSecurityPolicy, isAppUrl } from './security';

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

function notFound(): Response {
  return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
}

/**
 * Answers a request for `app://parley/...` from the built web client in `root`, with the app's
 * CSP on every response. Paths stay inside `root`; an in-app route (no file extension, such as
 * /r/standup or /history) gets index.html so the client routes it; anything else missing is 404.
 */
export async function appResponse(root: string, requestUrl: string): Promise<Response> {
  if (!isAppUrl(requestUrl)) return notFound();
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return notFound();
  }
  const base = path.resolve(root);
  const resolved = path.resolve(base, `.${pathname}`);
  if (resolved !== base && !resolved.startsWith(base + path.sep)) return notFound();
  let file = resolved;
  if (!(await isFile(file))) {
    if (path.extname(pathname) !== '') return notFound();
    file = path.join(base, 'index.html');
    if (!(await isFile(file))) return notFound();
  }
  return new Response(await fs.readFile(file), {
    status: 200,
    headers: {
      'content-type': contentTypeOf(file),
      'content-security-policy': contentSecurityPolicy(),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
