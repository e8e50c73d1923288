import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../testing/tempDir';
import { hardenProcess, OWNER_ONLY_UMASK } from './hardenProcess';

describe('process hardening', () => {
  it('sandboxes every renderer and makes new files owner-only', () => {
    const calls: string[] = [];
    hardenProcess({ enableSandbox: () => void calls.push('sandbox'), umask: (mask) => (calls.push(`umask ${mask.toString(8)}`), 0) });
    expect(calls).toEqual(['sandbox', 'umask 77']);
  });

  it('with that umask, a file written by the app is readable by its owner only', () => {
    const before = process.umask(OWNER_ONLY_UMASK);
    try {
      const dir = tempDir();
      const file = dir.file('history.sqlite');
      fs.writeFileSync(file, 'x');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      dir.remove();
    } finally {
      process.umask(before);
    }
  });
});
