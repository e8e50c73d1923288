// flatc and the flatbuffers headers for mediasoup >= 3.13, built once per machine from Debian's
// own trixie source package (bookworm's 2.0.8 is too old, trixie's binaries need a newer glibc).
// 23.5.26 builds the worker although its wrap names 24.3.25: the generated code and the headers
// come from one source, and the wire format is the one the Node side's npm flatbuffers reads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInto, cacheBase } from './cache.mjs';
import { updatePrivateApt } from './privateApt.mjs';

export const FLATBUFFERS_SOURCE = 'flatbuffers/trixie';
const VERSION_TAG = 'flatbuffers-23.5.26-trixie';

/** The prefix (bin/flatc, include/, lib/pkgconfig/flatbuffers.pc), building it if absent. */
export function ensureFlatbuffers(log) {
  const prefix = path.join(cacheBase(), `${VERSION_TAG}-${process.platform}-${os.arch()}`);
  if (fs.existsSync(path.join(prefix, 'bin', 'flatc'))) {
    log(`flatbuffers from cache ${prefix}`);
    return prefix;
  }
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-flatbuffers-'));
  try {
    const env = updatePrivateApt(path.join(cacheBase(), 'apt-private'), log);
    log.run('apt-get', ['source', '--download-only', '-q', FLATBUFFERS_SOURCE], { cwd: scratch, env, quiet: true });
    const dsc = fs.readdirSync(scratch).find((name) => name.endsWith('.dsc'));
    if (!dsc) throw new Error(`apt-get source ${FLATBUFFERS_SOURCE} gave no .dsc`);
    log(`building flatc from Debian's ${dsc}`);
    const source = path.join(scratch, 'src');
    log.run('dpkg-source', ['--no-check', '-x', dsc, source], { cwd: scratch, quiet: true });
    const build = path.join(scratch, 'build');
    buildInto(prefix, (partial) => {
      log.run('cmake', ['-S', source, '-B', build, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=Release',
        `-DCMAKE_INSTALL_PREFIX=${partial}`, '-DCMAKE_INSTALL_LIBDIR=lib',
        '-DFLATBUFFERS_BUILD_TESTS=OFF', '-DFLATBUFFERS_BUILD_FLATC=ON', '-DFLATBUFFERS_BUILD_FLATLIB=ON',
        '-DFLATBUFFERS_BUILD_FLATHASH=OFF', '-DFLATBUFFERS_BUILD_BENCHMARKS=OFF'], { quiet: true });
      log.run('ninja', ['-C', build, 'install'], { quiet: true });
      // The installed .pc names the temporary folder; point it at the final one.
      const pc = path.join(partial, 'lib', 'pkgconfig', 'flatbuffers.pc');
      if (!fs.existsSync(pc)) throw new Error('flatbuffers installed no pkg-config file');
      fs.writeFileSync(pc, fs.readFileSync(pc, 'utf8').split(partial).join(prefix));
    });
    log(`flatbuffers built in ${Math.round((Date.now() - started) / 1000)} s: ${prefix}`);
    return prefix;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
