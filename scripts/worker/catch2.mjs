// Catch2 3 for the worker's own C++ tests: bookworm ships 2.x, bookworm-backports 3.x. Its .deb is
// unpacked with dpkg -x into a private prefix (nothing is installed on the system).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInto, cacheBase } from './cache.mjs';
import { updatePrivateApt } from './privateApt.mjs';

/** PKG_CONFIG_PATH entry for the private catch2 3, unpacking it if absent. */
export function ensureCatch2(log) {
  const prefix = path.join(cacheBase(), `catch2-3-bookworm-backports-${process.platform}-${os.arch()}`);
  const pcDir = () => {
    const lib = path.join(prefix, 'usr', 'lib');
    const multiarch = fs.readdirSync(lib).find((name) => fs.existsSync(path.join(lib, name, 'pkgconfig', 'catch2.pc')));
    if (!multiarch) throw new Error(`no catch2.pc under ${lib}`);
    return path.join(lib, multiarch, 'pkgconfig');
  };
  if (fs.existsSync(path.join(prefix, 'usr'))) return pcDir();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-catch2-'));
  try {
    const env = updatePrivateApt(path.join(cacheBase(), 'apt-private'), log);
    log.run('apt-get', ['download', '-q', 'catch2/bookworm-backports'], { cwd: scratch, env, quiet: true });
    const deb = fs.readdirSync(scratch).find((name) => name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download catch2/bookworm-backports gave no .deb');
    buildInto(prefix, (partial) => {
      log.run('dpkg', ['-x', path.join(scratch, deb), partial], { quiet: true });
      // pkg-config files say prefix=/usr; make them name the private prefix.
      const lib = path.join(partial, 'usr', 'lib');
      for (const multiarch of fs.readdirSync(lib)) {
        const dir = path.join(lib, multiarch, 'pkgconfig');
        if (!fs.existsSync(dir)) continue;
        for (const pc of fs.readdirSync(dir)) {
          const file = path.join(dir, pc);
          fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^prefix=\/usr$/m, `prefix=${prefix}/usr`));
        }
      }
    });
    log(`catch2 unpacked from ${deb}: ${prefix}`);
    return pcDir();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
