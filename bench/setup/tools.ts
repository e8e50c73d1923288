import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchError, BenchErrorCode } from '../lib/errors';
import type { BenchTools } from '../types';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = path.join(benchDir, '.build');

const JANUS_PACKAGES = ['janus', 'libjs-janus-gateway', 'libjs-webrtc-adapter'];
const JANUS_JS = '/usr/share/javascript/janus-gateway/janus.js';
const ADAPTER_JS = '/usr/share/javascript/webrtc-adapter/adapter.js';
const JANUS_BIN = '/usr/bin/janus';

/** Compiles one relay with Debian's gcc when the binary is missing or older than its sources. */
function compileRelay(name: string): string {
  const source = path.join(benchDir, 'relay', `${name}.c`);
  const header = path.join(benchDir, 'relay', 'relay_common.h');
  const binary = path.join(buildDir, name);
  const newest = Math.max(statSync(source).mtimeMs, statSync(header).mtimeMs);
  if (existsSync(binary) && statSync(binary).mtimeMs >= newest) return binary;
  mkdirSync(buildDir, { recursive: true });
  try {
    execFileSync('gcc', ['-O2', '-Wall', '-Wextra', '-o', binary, source], { stdio: 'pipe' });
  } catch (error) {
    throw new BenchError(BenchErrorCode.MissingTool, `gcc could not build ${name}: ${String((error as { stderr?: Buffer }).stderr ?? error)}`);
  }
  return binary;
}

/** Janus from Debian's archive: installed here when root, otherwise the one line to run. */
function ensureJanus(log: (line: string) => void): BenchTools['janus'] {
  const present = (): boolean => existsSync(JANUS_BIN) && existsSync(JANUS_JS) && existsSync(ADAPTER_JS);
  if (!present()) {
    if (process.getuid?.() !== 0) {
      return { ok: false, reason: `Janus is not installed; run as root: apt-get install -y ${JANUS_PACKAGES.join(' ')}` };
    }
    log(`installing ${JANUS_PACKAGES.join(', ')} from Debian`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env, timeout: 300_000 });
      execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...JANUS_PACKAGES], { stdio: 'inherit', env, timeout: 600_000 });
    } catch (error) {
      return { ok: false, reason: `apt-get could not install Janus: ${(error as Error).message}` };
    }
    if (!present()) return { ok: false, reason: 'Janus packages installed but files are missing' };
  }
  return { ok: true, binary: JANUS_BIN, janusJs: JANUS_JS, adapterJs: ADAPTER_JS };
}

export function prepareTools(log: (line: string) => void): BenchTools {
  return {
    relays: { sendto: compileRelay('relay_sendto'), mmsg: compileRelay('relay_mmsg') },
    janus: ensureJanus(log),
    chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  };
}
