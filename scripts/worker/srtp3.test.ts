import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build helper without type declarations
import { compileAndRunCompatTests } from './srtp3Tests.mjs';

interface CompatRun {
  status: number | null;
  output: string;
  summary: string;
}

/**
 * Parley's libsrtp 3 API layer over Debian's libsrtp2 (scripts/worker/srtp3), which mediasoup
 * 3.32's worker encrypts every packet with. The checks live in C (srtp3/test/srtp3_test.c); this
 * compiles and runs them against the system's libsrtp2 and asserts on what they report.
 */
describe('the libsrtp 3 layer over libsrtp2', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'parley-srtp3-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let run: CompatRun | undefined;
  const result = (): CompatRun => (run ??= compileAndRunCompatTests(dir) as CompatRun);

  // Compiling on a loaded machine takes tens of seconds; the limit only guards against a hang.
  it('compiles without warnings and passes every check', { timeout: 180_000 }, () => {
    const { status, output } = result();
    expect(output).not.toMatch(/^not ok/m);
    expect(status).toBe(0);
  });

  it.each(['AES_CM_128_HMAC_SHA1_80', 'AES_CM_128_HMAC_SHA1_32', 'AEAD_AES_128_GCM', 'AEAD_AES_256_GCM'])(
    'covers %s in its summary',
    (suite) => {
      expect(result().summary).toContain(suite);
    },
  );

  it('runs more than a handful of checks', () => {
    const count = Number(/(\d+) checks/.exec(result().summary)?.[1] ?? 0);
    expect(count).toBeGreaterThan(100);
  });
});
