// How mediasoup 3.32.x's worker is built from Debian's archive alone (see
// ../shared notes "mediasoup-current-offline"): the meson patch below, Parley's libsrtp 3 layer
// over libsrtp2 (srtp3/), the unordered_dense stand-in over abseil (include/), flatbuffers from
// Debian's trixie source package, and the worker's own C++ tests against catch2 3 from
// bookworm-backports. Every file listed in `files` is part of the cache key.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCatch2 } from './catch2.mjs';
import { ensureFlatbuffers } from './flatbuffers.mjs';
import { runCompatTests } from './srtp3Tests.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const shimFiles = [
  'srtp3/include/srtp.h',
  'srtp3/srtp2_backend.h',
  'srtp3/srtp2_backend.c',
  'srtp3/srtp3.c',
  'srtp3/test/srtp3_test.c',
  'include/ankerl/unordered_dense.h',
];

/** Test sections that read packet captures (test/data/*.raw) which mediasoup's npm package does
 * not ship. They are reported as skipped, by name, instead of failing on a missing file. */
export const SECTIONS_NEEDING_DATA = [
  'Packet::Parse() packet1.raw succeeds',
  'Packet::Parse() packet2.raw succeeds',
  'Packet::Parse() packet3.raw succeeds',
];

export function recipe332(version) {
  const patch = path.join(here, `mediasoup-${version}-system-libs.meson.diff`);
  return {
    files: [patch, ...shimFiles.map((file) => path.join(here, file)), fileURLToPath(import.meta.url)],
    build: (args) => build({ ...args, patch }),
  };
}

function copyShims(workerDir) {
  for (const file of shimFiles) {
    const to = path.join(workerDir, 'parley', file);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(path.join(here, file), to);
  }
}

/** The three data-file sections skip (Catch2's SKIP) instead of failing; exactly three. */
function skipSectionsNeedingData(workerDir) {
  const file = path.join(workerDir, 'test', 'src', 'RTC', 'RTP', 'TestPacket.cpp');
  const text = fs.readFileSync(file, 'utf8');
  const failure = 'FAIL("cannot open file");';
  const count = text.split(failure).length - 1;
  if (count !== SECTIONS_NEEDING_DATA.length) {
    throw new Error(`expected ${SECTIONS_NEEDING_DATA.length} data-file sections in TestPacket.cpp, found ${count}`);
  }
  fs.writeFileSync(file, text.split(failure).join('SKIP("test/data is not in mediasoup\'s npm package");'));
}

/**
 * @param {{ workerSrc: string, scratch: string, dest: string, log: Function, patch: string }} args
 *   workerSrc: mediasoup's worker/ folder; dest: where mediasoup-worker and the logs go.
 */
function build({ workerSrc, scratch, dest, log, patch }) {
  const flatbuffers = ensureFlatbuffers(log);
  runCompatTests({ outDir: scratch, log, summaryFile: path.join(dest, 'srtp3-tests.txt') });

  const workerDir = path.join(scratch, 'worker');
  fs.cpSync(workerSrc, workerDir, { recursive: true });
  log.run('patch', ['-p1', '--forward', '-i', patch], { cwd: scratch, quiet: true });
  copyShims(workerDir);
  skipSectionsNeedingData(workerDir);

  const pkgConfigPath = [path.join(flatbuffers, 'lib', 'pkgconfig'), process.env.PKG_CONFIG_PATH]
    .filter(Boolean).join(':');
  const env = { ...process.env, PKG_CONFIG_PATH: pkgConfigPath, PATH: `${path.join(flatbuffers, 'bin')}:${process.env.PATH}` };
  const jobs = process.env.PARLEY_BUILD_JOBS ?? '2';

  let started = Date.now();
  const release = path.join(scratch, 'build');
  log.run('meson', ['setup', '--buildtype=release', '-Db_ndebug=true', '-Db_pie=true', '-Db_staticpic=true',
    release, workerDir], { env, quiet: true });
  log.run('ninja', ['-C', release, '-j', jobs, 'mediasoup-worker'], { env, quiet: true });
  fs.copyFileSync(path.join(release, 'mediasoup-worker'), path.join(dest, 'mediasoup-worker'));
  log(`worker built in ${Math.round((Date.now() - started) / 1000)} s`);

  // The worker's own test suite: its own build (MS_TEST changes the common sources), unoptimized
  // because it is compiled once and run once.
  started = Date.now();
  const catch2PkgConfig = ensureCatch2(log);
  const testEnv = { ...env, PKG_CONFIG_PATH: `${catch2PkgConfig}:${pkgConfigPath}` };
  const testBuild = path.join(scratch, 'build-test');
  log.run('meson', ['setup', '--buildtype=plain', '-Dms_build_tests=true', testBuild, workerDir], { env: testEnv, quiet: true });
  log.run('ninja', ['-C', testBuild, '-j', jobs, 'mediasoup-worker-test'], { env: testEnv, quiet: true });
  const compiled = Math.round((Date.now() - started) / 1000);
  const result = log.run(path.join(testBuild, 'mediasoup-worker-test'), ['--reporter', 'console', '--durations', 'no'],
    { cwd: workerDir, quiet: true, allowFailure: true });
  const summary = result.output.trim().split('\n').slice(-3).join('\n');
  const report = `worker C++ tests (compiled in ${compiled} s), sections skipped for missing test data: `
    + `${SECTIONS_NEEDING_DATA.join('; ')}\n${summary}\n`;
  fs.writeFileSync(path.join(dest, 'worker-tests.txt'), `${report}\n${result.output}`);
  log(report.trim());
  if (result.status !== 0) throw new Error('the worker\'s C++ tests failed (see worker-tests.txt)');
}
