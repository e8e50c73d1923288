/**
 * What `npm run dist` (scripts/dist.mjs) asks electron-builder for on this machine, decided from
 * facts the script gathers: the OS, the environment (signing and notarisation credentials, the
 * update feed), and the mediasoup worker that will ship. Plain functions, so the decisions are
 * tested without building anything.
 */
import type { Configuration } from 'app-builder-lib';
import { assertUnreachable } from '../../src-common/errors';

/**
 * The packages holding the libraries a mediasoup-worker built against Debian's own libraries
 * links to (scripts/ensure-worker.mjs, notes/mediasoup-worker-offline.md), and their Fedora
 * names. The official prebuilt worker links them statically and needs none.
 */
export const SYSTEM_WORKER_PACKAGES = {
  deb: ['libssl3', 'libuv1', 'libsrtp2-1', 'libusrsctp2', 'libabsl20220623'],
  rpm: ['openssl-libs', 'libuv', 'libsrtp', 'usrsctp', 'abseil-cpp'],
} as const;

/** The shared libraries (ELF NEEDED entries) that mark a worker built against the system's libraries. */
const SYSTEM_WORKER_LIBRARY = /^lib(srtp2|usrsctp|uv|absl_[a-z_]+)\.so/;

export function isSystemBuiltWorker(needed: readonly string[]): boolean {
  return needed.some((soname) => SYSTEM_WORKER_LIBRARY.test(soname));
}

/** The update feed baked into a build that was given none: `.invalid` never resolves (RFC 2606), and the app reads it as "no feed". */
export const NO_FEED_URL = 'https://updates.parley.invalid/';

export type DistPlatform = 'win32' | 'darwin' | 'linux';

export interface DistFacts {
  platform: DistPlatform;
  /** This machine's architecture (`process.arch`). */
  arch: string;
  env: Readonly<Record<string, string | undefined>>;
  /** electron-builder.yml as electron-builder loaded it. */
  config: Configuration;
  /** Linux: the worker's NEEDED libraries. macOS: the architectures of the worker binary (lipo -archs). */
  worker: { needed: readonly string[]; archs: readonly string[] };
}

export interface DistPlan {
  /** The configuration to build with (electron-builder.yml plus this machine's adjustments). */
  config: Configuration;
  /** `--win`, `--mac` or `--linux`. */
  platformFlag: '--win' | '--mac' | '--linux';
  /** Variables to add to electron-builder's environment. */
  env: Record<string, string>;
  /** What the build will and will not do, one line each, printed before it starts. */
  notes: string[];
}

const has = (env: DistFacts['env'], ...names: string[]): boolean => names.every((name) => (env[name] ?? '').trim() !== '');

export function planDist(facts: DistFacts): DistPlan {
  const { platform, env } = facts;
  const config: { -readonly [K in keyof Configuration]: Configuration[K] } = structuredClone(facts.config);
  const extraEnv: Record<string, string> = {};
  const notes: string[] = [];

  if (has(env, 'PARLEY_UPDATE_URL')) {
    notes.push(`update feed: ${env.PARLEY_UPDATE_URL}`);
  } else {
    extraEnv.PARLEY_UPDATE_URL = NO_FEED_URL;
    notes.push('update feed: none (set PARLEY_UPDATE_URL to build one in; users can still choose a feed in the settings)');
  }

  switch (platform) {
    case 'darwin': {
      const signing = has(env, 'CSC_LINK') || has(env, 'CSC_NAME');
      if (!signing) {
        // Without this, electron-builder signs with whatever identity the keychain happens to hold.
        extraEnv.CSC_IDENTITY_AUTO_DISCOVERY = 'false';
        notes.push('signing: off (set CSC_LINK and CSC_KEY_PASSWORD, or CSC_NAME, to sign)');
      } else {
        notes.push('signing: on');
      }
      const notarise =
        has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
        has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
        has(env, 'APPLE_KEYCHAIN_PROFILE');
      if (!signing || !notarise) {
        config.mac = { ...config.mac, notarize: false };
        notes.push(`notarisation: off (${signing ? 'set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER, or APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID' : 'needs signing'})`);
      } else {
        notes.push('notarisation: on');
      }
      const universal = facts.worker.archs.includes('x86_64') && facts.worker.archs.includes('arm64');
      if (!universal) {
        const arch = facts.arch === 'arm64' ? 'arm64' : 'x64';
        config.mac = { ...config.mac, target: [{ target: 'dmg', arch }, { target: 'zip', arch }] };
        notes.push(`architecture: ${arch} only (the mediasoup worker here is ${facts.worker.archs.join('+') || 'unknown'}; a universal build needs a universal worker)`);
      }
      return { config, platformFlag: '--mac', env: extraEnv, notes };
    }
    case 'win32': {
      notes.push(
        has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')
          ? 'signing: on'
          : 'signing: off (set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD to sign; unsigned installers warn in SmartScreen)',
      );
      return { config, platformFlag: '--win', env: extraEnv, notes };
    }
    case 'linux': {
      // fpm needs a project address for the deb and rpm; package.json has none, so electron-builder
      // takes it from the clone's GitHub remote unless one is given.
      if (has(env, 'PARLEY_HOMEPAGE')) config.extraMetadata = { ...config.extraMetadata, homepage: env.PARLEY_HOMEPAGE };
      else notes.push('homepage: from the GitHub remote of this clone (set PARLEY_HOMEPAGE where there is none; the deb and rpm need one)');
      if (!isSystemBuiltWorker(facts.worker.needed)) {
        const drop = (names: readonly string[], depends: unknown): string[] =>
          (Array.isArray(depends) ? (depends as string[]) : []).filter((name) => !names.includes(name));
        config.deb = { ...config.deb, depends: drop(SYSTEM_WORKER_PACKAGES.deb, config.deb?.depends) };
        config.rpm = { ...config.rpm, depends: drop(SYSTEM_WORKER_PACKAGES.rpm, config.rpm?.depends) };
        notes.push('worker: the official static build; the deb and rpm need no extra libraries for it');
      } else {
        notes.push('worker: built against the system libraries; the deb and rpm depend on them');
      }
      return { config, platformFlag: '--linux', env: extraEnv, notes };
    }
    default:
      return assertUnreachable(platform);
  }
}
