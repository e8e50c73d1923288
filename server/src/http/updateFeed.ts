/**
 * The LAN update feed: a Parley host serves a folder holding electron-builder's output (latest.yml,
 * latest-mac.yml, latest-linux.yml, the installers and their blockmaps) under `/updates/`, so the
 * apps of an office without internet update from one machine. Apps trust what they download only
 * when its sha512 matches the feed's (electron-updater does; src-main/updates/feedClient.ts too),
 * so this route only has to serve files, and only the plain files of that one folder.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Logger } from '../logger';

export const UPDATE_FEED_PATH = '/updates/';

/** A file name the feed may serve: no folders, no hidden files, nothing odd. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ +-]{0,254}$/;

function contentType(name: string): string {
  if (name.endsWith('.yml') || name.endsWith('.yaml')) return 'text/yaml; charset=utf-8';
  return 'application/octet-stream';
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${message}\n`);
}

/**
 * The `/updates/*` handler for `dir`: answers true when it took the request. GET and HEAD of a
 * plain file in the folder; 404 for anything else, including names that try to leave it.
 */
export function updateFeedRoute(dir: string, logger: Logger): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  const root = path.resolve(dir);
  return (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://feed').pathname;
    if (!pathname.startsWith(UPDATE_FEED_PATH)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, 405, 'method not allowed');
      return true;
    }
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(UPDATE_FEED_PATH.length));
    } catch {
      refuse(res, 400, 'bad file name');
      return true;
    }
    if (!SAFE_NAME.test(name) || name.includes('..')) {
      refuse(res, 404, 'no such file in the update feed');
      return true;
    }
    const file = path.join(root, name);
    // lstat, not stat: a symbolic link in the folder (to /etc/passwd, say) is not a file of the feed.
    fs.lstat(file, (error, stat) => {
      if (error || !stat.isFile() || path.dirname(file) !== root) {
        if (stat?.isSymbolicLink()) logger.warn(`updateFeed | refused ${name}: a symbolic link`);
        refuse(res, 404, 'no such file in the update feed');
        return;
      }
      res.writeHead(200, {
        'content-type': contentType(name),
        'content-length': stat.size,
        // The feed files change in place when a new version is published; installers do not.
        'cache-control': name.endsWith('.yml') ? 'no-cache' : 'public, max-age=3600',
        'last-modified': stat.mtime.toUTCString(),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      const stream = fs.createReadStream(file);
      stream.on('error', (readError) => {
        logger.warn(`updateFeed | reading ${name} failed: ${readError.message}`);
        res.destroy(readError);
      });
      stream.pipe(res);
    });
    return true;
  };
}
