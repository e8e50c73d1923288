// Catch2 3 for the worker's own C++ tests: bookworm ships 2.x, bookworm-backports 3.x. Its .deb is
// unpacked with dpkg -x into a private prefix (nothing is installed on the system). The package is
// libcatch2-dev: `catch2` there is a transitional package that only depends on it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInto, cacheBase } from './cache.mjs';
import { updatePrivateApt } from './privateApt.mjs';

/** The .pc files under `dir` (the package puts them in usr/share/pkgconfig). */
function pcFiles(dir) {
  return fs.readdirSync(dir, { recursive: true }).map(String).filter((name) => name.endsWith('.pc')).map((name) => path.join(dir, name));
}

/** PKG_CONFIG_PATH entry for the private catch2 3, unpacking it if absent. */
export function ensureCatch2(log) {
  const prefix = path.join(cacheBase(), `catch2-3-bookworm-backports-${process.platform}-${os.arch()}`);
  const pcDir = () => {
    const pc = pcFiles(prefix).find((file) => path.basename(file) === 'catch2.pc');
    if (!pc) throw new Error(`no catch2.pc under ${prefix}`);
    return path.dirname(pc);
  };
  if (fs.existsSync(path.join(prefix, 'usr'))) return pcDir();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-catch2-'));
  try {
    const env = updatePrivateApt(path.join(cacheBase(), 'apt-private'), log);
    log.run('apt-get', ['download', '-q', 'libcatch2-dev/bookworm-backports'], { cwd: scratch, env, quiet: true });
    const deb = fs.readdirSync(scratch).find((name) => name.endsWith('.deb'));
    if (!deb) throw new Error('apt-get download libcatch2-dev/bookworm-backports gave no .deb');
    buildInto(prefix, (partial) => {
      log.run('dpkg', ['-x', path.join(scratch, deb), partial], { quiet: true });
      // The pkg-config files name /usr (prefix, includedir, libdir); make them name the private prefix.
      for (const file of pcFiles(partial)) {
        fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/^(\w+)=\/usr\b/gm, `$1=${prefix}/usr`));
      }
    });
    log(`catch2 unpacked from ${deb}: ${prefix}`);
    return pcDir();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
