// The offline build recipe for each mediasoup version Parley can build from Debian's archive, and
// the cache entry (version + hash of every file the recipe uses) its worker lives in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInto, cacheBase, hashFiles } from './cache.mjs';
import { recipe312 } from './recipe-3.12.mjs';
import { recipe332 } from './recipe-3.32.mjs';
import { makeLogger } from './run.mjs';

const recipes = {
  '3.12.16': recipe312,
  '3.32.2': recipe332,
};

export function recipeFor(version) {
  const make = recipes[version];
  if (!make) {
    throw new Error(`no offline build recipe for mediasoup ${version} (scripts/worker/recipes.mjs has ${Object.keys(recipes).join(', ')})`);
  }
  return make(version);
}

export function workerCacheDir(version) {
  const key = hashFiles(recipeFor(version).files);
  return path.join(cacheBase(), `mediasoup-worker-${version}-${key}-${process.platform}-${os.arch()}`);
}

/** mediasoup-worker run without MEDIASOUP_VERSION exits with 41: proof it loads and runs here. */
export function runsHere(bin, spawnSync) {
  if (!fs.existsSync(bin)) return false;
  return spawnSync(bin, [], { env: {}, stdio: 'ignore' }).status === 41;
}

/**
 * Builds mediasoup `version`'s worker from `workerSrc` (a mediasoup package's worker/ folder) into
 * its cache folder, which then holds mediasoup-worker and build.log. Returns the binary's path.
 */
export function buildWorker(version, workerSrc) {
  if (process.platform !== 'linux') {
    throw new Error('building the worker from source is only scripted for Linux; install with internet access to get the prebuilt worker');
  }
  const dir = workerCacheDir(version);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-worker-'));
  const logFile = path.join(scratch, 'build.log');
  const log = makeLogger(logFile);
  const started = Date.now();
  try {
    buildInto(dir, (dest) => {
      log(`building mediasoup ${version}'s worker (log: ${logFile})`);
      recipeFor(version).build({ workerSrc, scratch, dest, log });
      log(`done in ${Math.round((Date.now() - started) / 1000)} s`);
      fs.copyFileSync(logFile, path.join(dest, 'build.log'));
    });
    fs.rmSync(scratch, { recursive: true, force: true });
  } catch (error) {
    log(`failed; the build folder is kept for inspection: ${scratch}`);
    throw error;
  }
  return path.join(dir, 'mediasoup-worker');
}
