import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh folder under the OS temp dir; `remove()` deletes it with everything inside. */
export function tempDir(prefix = 'parley-test-'): { path: string; file(name: string): string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    path: dir,
    file: (name) => path.join(dir, name),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 0, 5, 9, 0, 0)): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
