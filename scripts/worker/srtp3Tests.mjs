// Compiles and runs the libsrtp 3 layer's C tests (srtp3/test/srtp3_test.c) against the system's
// libsrtp2. Used by the worker build (its summary goes into the build log) and by srtp3.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** @returns {{ status: number | null, output: string, summary: string }} */
export function compileAndRunCompatTests(outDir) {
  const bin = path.join(outDir, 'srtp3_test');
  const compile = spawnSync('cc', ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror',
    '-I', path.join(here, 'srtp3', 'include'), '-I', path.join(here, 'srtp3'),
    path.join(here, 'srtp3', 'test', 'srtp3_test.c'), path.join(here, 'srtp3', 'srtp3.c'),
    path.join(here, 'srtp3', 'srtp2_backend.c'), '-lsrtp2', '-o', bin], { encoding: 'utf8' });
  if (compile.status !== 0) {
    return { status: compile.status, output: `${compile.stdout}${compile.stderr}`, summary: 'srtp3 compat: does not compile' };
  }
  const run = spawnSync(bin, [], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  const summary = output.trim().split('\n').filter((line) => line.startsWith('srtp3 compat:')).pop()
    ?? 'srtp3 compat: no summary';
  return { status: run.status, output, summary };
}

export function runCompatTests({ outDir, log, summaryFile }) {
  const result = compileAndRunCompatTests(outDir);
  if (summaryFile) fs.writeFileSync(summaryFile, result.output);
  log(result.summary);
  if (result.status !== 0) {
    throw new Error(`the libsrtp 3 layer's tests failed:\n${result.output}`);
  }
}
