// mediasoup 3.12.16's worker against Debian's own libraries (notes: mediasoup-worker-offline):
// one meson patch, nothing else. Kept until the server moves to 3.32.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const scripts = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function recipe312(version) {
  const patch = path.join(scripts, `mediasoup-${version}-system-libs.meson.diff`);
  return {
    // The patch alone, as before the 3.32 recipe existed: the cache key stays the same.
    files: [patch],
    build: ({ workerSrc, scratch, dest, log }) => {
      fs.cpSync(workerSrc, path.join(scratch, 'worker'), { recursive: true });
      log.run('patch', ['-p1', '--forward', '-i', patch], { cwd: scratch });
      const build = path.join(scratch, 'build');
      const started = Date.now();
      log.run('meson', ['setup', '--buildtype=release', '-Db_ndebug=true', '-Db_pie=true', '-Db_staticpic=true',
        build, path.join(scratch, 'worker')]);
      log.run('ninja', ['-C', build, 'mediasoup-worker']);
      log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
      fs.copyFileSync(path.join(build, 'mediasoup-worker'), path.join(dest, 'mediasoup-worker'));
    },
  };
}
