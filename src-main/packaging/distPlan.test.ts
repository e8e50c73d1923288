import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { loadBuilderConfig, validateBuilderConfig } from './builderConfig';
import { isSystemBuiltWorker, NO_FEED_URL, planDist, SYSTEM_WORKER_PACKAGES, type DistFacts } from './distPlan';

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

const systemWorker = ['libabsl_hash.so.20220623', 'libssl.so.3', 'libuv.so.1', 'libsrtp2.so.1', 'libusrsctp.so.2', 'libstdc++.so.6', 'libc.so.6'];
const staticWorker = ['libm.so.6', 'libc.so.6', 'libpthread.so.0'];

function facts(overrides: Partial<DistFacts>): DistFacts {
  return { platform: 'linux', arch: 'x64', env: {}, config, worker: { needed: systemWorker, archs: [] }, ...overrides };
}

describe('planDist', () => {
  it('tells a system-built worker from the official static one', () => {
    expect(isSystemBuiltWorker(systemWorker)).toBe(true);
    expect(isSystemBuiltWorker(staticWorker)).toBe(false);
  });

  it('keeps the worker libraries in the deb and rpm for a system-built worker and drops them for the static one', async () => {
    const system = planDist(facts({}));
    expect(system.config.deb?.depends).toEqual(config.deb?.depends);
    const fromStatic = planDist(facts({ worker: { needed: staticWorker, archs: [] } }));
    for (const name of SYSTEM_WORKER_PACKAGES.deb) expect(fromStatic.config.deb?.depends).not.toContain(name);
    for (const name of SYSTEM_WORKER_PACKAGES.rpm) expect(fromStatic.config.rpm?.depends).not.toContain(name);
    expect(fromStatic.config.deb?.depends).toContain('libgtk-3-0');
    // What the script hands to electron-builder still passes its validation.
    await validateBuilderConfig(fromStatic.config);
  });

  it('builds unsigned and un-notarised on macOS without credentials, saying so', async () => {
    const plan = planDist(facts({ platform: 'darwin', arch: 'arm64', worker: { needed: [], archs: ['x86_64', 'arm64'] } }));
    expect(plan.platformFlag).toBe('--mac');
    expect(plan.env.CSC_IDENTITY_AUTO_DISCOVERY).toBe('false');
    expect(plan.config.mac?.notarize).toBe(false);
    expect(plan.notes.join('\n')).toMatch(/signing: off[\s\S]*notarisation: off/);
    await validateBuilderConfig(plan.config);
  });

  it('signs and notarises on macOS when the environment has the credentials', () => {
    const env = { CSC_LINK: '/secure/cert.p12', CSC_KEY_PASSWORD: 'x', APPLE_API_KEY: '/secure/key.p8', APPLE_API_KEY_ID: 'K', APPLE_API_ISSUER: 'I' };
    const plan = planDist(facts({ platform: 'darwin', env, worker: { needed: [], archs: ['x86_64', 'arm64'] } }));
    expect(plan.env.CSC_IDENTITY_AUTO_DISCOVERY).toBeUndefined();
    expect(plan.config.mac?.notarize).toBeUndefined();
    expect(plan.notes).toEqual(expect.arrayContaining(['signing: on', 'notarisation: on']));
  });

  it("builds for this Mac's architecture only when the worker is not universal", () => {
    const plan = planDist(facts({ platform: 'darwin', arch: 'arm64', worker: { needed: [], archs: ['arm64'] } }));
    expect(plan.config.mac?.target).toEqual([
      { target: 'dmg', arch: 'arm64' },
      { target: 'zip', arch: 'arm64' },
    ]);
  });

  it('says when Windows installers are unsigned', () => {
    expect(planDist(facts({ platform: 'win32' })).notes.join('\n')).toMatch(/signing: off/);
    expect(planDist(facts({ platform: 'win32', env: { WIN_CSC_LINK: 'c.pfx' } })).notes).toContain('signing: on');
  });

  it('gives the deb and rpm the project address from PARLEY_HOMEPAGE, and says where it comes from otherwise', async () => {
    const given = planDist(facts({ env: { PARLEY_HOMEPAGE: 'https://parley.example.org/' } }));
    expect(given.config.extraMetadata).toEqual({ homepage: 'https://parley.example.org/' });
    await validateBuilderConfig(given.config);
    expect(planDist(facts({})).notes.join('\n')).toMatch(/homepage: from the GitHub remote/);
  });

  it('bakes the update feed from PARLEY_UPDATE_URL, or the never-resolving placeholder', () => {
    expect(planDist(facts({})).env.PARLEY_UPDATE_URL).toBe(NO_FEED_URL);
    expect(planDist(facts({ env: { PARLEY_UPDATE_URL: 'https://updates.example.org/parley/' } })).env.PARLEY_UPDATE_URL).toBeUndefined();
  });
});
