// Where Parley keeps what its offline worker build makes once per machine: outside the repository,
// shared by every clone and worktree (PARLEY_CACHE_DIR overrides it).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function cacheBase() {
  return process.env.PARLEY_CACHE_DIR
    ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'parley');
}

/** First 12 hex digits of the SHA-256 of the files' contents, in the given order. */
export function hashFiles(files) {
  const hash = createHash('sha256');
  for (const file of files) hash.update(fs.readFileSync(file));
  return hash.digest('hex').slice(0, 12);
}

/** Writes into `dir` only through a sibling temporary folder renamed at the end: a cache entry is
 * either complete or absent, even when a build is interrupted. */
export function buildInto(dir, make) {
  const partial = `${dir}.partial-${process.pid}`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { recursive: true });
  try {
    make(partial);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(partial, dir);
  } catch (error) {
    fs.rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}
