// A private APT configuration for fetching two things the worker build needs from Debian's
// archive: the trixie *source* package of flatbuffers and the bookworm-backports binary package
// of catch2 3. Its sources, lists, caches and settings live in the cache folder; the system's apt
// setup (sources, lists, preferences) is never read for sources nor written.
import fs from 'node:fs';
import path from 'node:path';

const keyring = '/usr/share/keyrings/debian-archive-keyring.gpg';

/** The archive URI the system already uses (deb822 or one-line format), else deb.debian.org. */
function systemArchiveUri() {
  const deb822 = '/etc/apt/sources.list.d/debian.sources';
  if (fs.existsSync(deb822)) {
    const match = /^URIs:\s*(\S+)/m.exec(fs.readFileSync(deb822, 'utf8'));
    if (match) return match[1];
  }
  const oneLine = '/etc/apt/sources.list';
  if (fs.existsSync(oneLine)) {
    const match = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\s/m.exec(fs.readFileSync(oneLine, 'utf8'));
    if (match) return match[1];
  }
  return 'http://deb.debian.org/debian';
}

/** Creates (once) the private configuration under `dir`; returns the environment that selects it. */
export function privateAptEnv(dir) {
  const uri = systemArchiveUri();
  for (const sub of ['sources.list.d', 'preferences.d', 'state/lists/partial', 'cache/archives/partial']) {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
  }
  fs.writeFileSync(path.join(dir, 'sources.list'), [
    `deb-src [signed-by=${keyring}] ${uri} trixie main`,
    `deb [signed-by=${keyring}] ${uri} bookworm-backports main`,
    '',
  ].join('\n'));
  const conf = path.join(dir, 'apt.conf');
  fs.writeFileSync(conf, [
    `Dir::Etc::SourceList "${dir}/sources.list";`,
    `Dir::Etc::SourceParts "${dir}/sources.list.d";`,
    `Dir::Etc::Preferences "${dir}/preferences";`,
    `Dir::Etc::PreferencesParts "${dir}/preferences.d";`,
    `Dir::State "${dir}/state";`,
    `Dir::State::Lists "${dir}/state/lists";`,
    'Dir::State::status "/var/lib/dpkg/status";',
    `Dir::Cache "${dir}/cache";`,
    'Acquire::Languages "none";',
    'APT::Sandbox::User "root";',
    '',
  ].join('\n'));
  return { ...process.env, APT_CONFIG: conf, LC_ALL: 'C' };
}

/** apt-get update through the private configuration, at most once per run of the build. */
export function updatePrivateApt(dir, log) {
  const env = privateAptEnv(dir);
  if (!updatePrivateApt.done) {
    log.run('apt-get', ['update', '-q'], { env, quiet: true });
    updatePrivateApt.done = true;
  }
  return env;
}
