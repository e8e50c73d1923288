import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'app-builder-lib';
import { linuxDesktopEntry, loadBuilderConfig, projectDir, shipsFile, unpacksFile, validateBuilderConfig } from './builderConfig';
import { SYSTEM_WORKER_PACKAGES } from './distPlan';

const WORKER = 'node_modules/mediasoup/worker/out/Release/mediasoup-worker';
/** Where scripts/ensure-electron-native.mjs puts better-sqlite3 built for Electron (src-main/app/paths.ts reads it there). */
const ELECTRON_SQLITE = 'dist/native/electron-abi-143/better_sqlite3.node';

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

const asArray = <T>(value: T | T[] | null | undefined): T[] => (value == null ? [] : Array.isArray(value) ? value : [value]);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration validation", async () => {
    await expect(validateBuilderConfig(config)).resolves.toBeUndefined();
  });

  it('is really validated: a misspelt option is refused by the same check', async () => {
    const broken = { ...config, mac: { ...config.mac, hardenedRuntim: true } } as Configuration;
    await expect(validateBuilderConfig(broken)).rejects.toThrow(/configuration\.mac should be/);
    const wrongType = { ...config, protocols: [{ name: 'Parley', schemes: 'parley', role: 42 }] } as unknown as Configuration;
    await expect(validateBuilderConfig(wrongType)).rejects.toThrow(/configuration\.protocols/);
  });

  it('registers the parley:// protocol on every OS', () => {
    const schemes = asArray(config.protocols).flatMap((protocol) => asArray(protocol.schemes));
    expect(schemes).toContain('parley');
  });

  it('ships the mediasoup worker and the Electron build of better-sqlite3 unpacked from the asar archive', () => {
    for (const file of [WORKER, ELECTRON_SQLITE]) {
      expect(shipsFile(config, file), `${file} is shipped`).toBe(true);
      expect(unpacksFile(config, file), `${file} is unpacked`).toBe(true);
    }
    // The rest of the app stays inside the archive.
    expect(shipsFile(config, 'dist/main/main.cjs')).toBe(true);
    expect(unpacksFile(config, 'dist/main/main.cjs')).toBe(false);
    expect(shipsFile(config, 'dist/web/index.html')).toBe(true);
    // better-sqlite3's JavaScript ships (main loads it), its Node-ABI build and C sources do not.
    expect(shipsFile(config, 'node_modules/better-sqlite3/lib/index.js')).toBe(true);
    expect(shipsFile(config, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(false);
    expect(shipsFile(config, 'node_modules/mediasoup/worker/src/Worker.cpp')).toBe(false);
    // The Node build in node_modules serves the tests; a rebuild for Electron in place would break them.
    expect(config.npmRebuild).toBe(false);
  });

  it('declares the macOS camera, microphone and screen recording usage descriptions', () => {
    const info = config.mac?.extendInfo as Record<string, unknown>;
    for (const key of ['NSCameraUsageDescription', 'NSMicrophoneUsageDescription', 'NSScreenCaptureUsageDescription']) {
      expect(info[key], key).toMatch(/^Parley .{20,}/);
    }
  });

  it('signs macOS builds with the hardened runtime and entitlements for camera, microphone and JIT', () => {
    expect(config.mac?.hardenedRuntime).toBe(true);
    for (const file of [config.mac?.entitlements, config.mac?.entitlementsInherit]) {
      const plist = fs.readFileSync(path.join(projectDir, String(file)), 'utf8');
      for (const key of ['com.apple.security.device.camera', 'com.apple.security.device.audio-input', 'com.apple.security.cs.allow-jit']) {
        expect(plist, `${file} has ${key}`).toContain(`<key>${key}</key>`);
      }
    }
  });

  it('keeps signing and notarisation credentials out of the file (they come from the environment)', () => {
    const text = fs.readFileSync(path.join(projectDir, 'electron-builder.yml'), 'utf8');
    expect(text).not.toMatch(/^\s*(cscLink|cscKeyPassword|certificatePassword|certificateFile|identity|appleId|appleIdPassword)\s*:/m);
    expect(config.mac?.notarize).toBeUndefined();
  });

  it('builds NSIS for x64 and arm64, universal dmg and zip, AppImage, deb and rpm', () => {
    const targets = (platform: Configuration['win'] | Configuration['mac'] | Configuration['linux']) =>
      asArray(platform?.target).map((t) => (typeof t === 'string' ? { target: t, arch: undefined } : t));
    expect(targets(config.win)).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(targets(config.mac)).toEqual([
      { target: 'dmg', arch: 'universal' },
      { target: 'zip', arch: 'universal' },
    ]);
    expect(targets(config.linux).map((t) => t.target)).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('has icons as large as electron-builder needs (512 px for macOS, 256 for the others)', () => {
    for (const [platform, minimum] of [['mac', 512], ['win', 256], ['linux', 256]] as const) {
      const png = fs.readFileSync(path.join(projectDir, String(config[platform]?.icon)));
      expect(png.subarray(1, 4).toString(), `${platform} icon is a PNG`).toBe('PNG');
      expect(Math.min(png.readUInt32BE(16), png.readUInt32BE(20)), `${platform} icon size`).toBeGreaterThanOrEqual(minimum);
    }
  });

  it('opens parley:// links from the Linux desktop entry with %u', async () => {
    expect(config.linux?.executableArgs).toEqual(['%u']);
    const entry = await linuxDesktopEntry(config);
    expect(entry).toMatch(/^Exec=\/opt\/Parley\/parley %u$/m);
    expect(entry).toMatch(/^MimeType=x-scheme-handler\/parley;$/m);
  });

  it('publishes a generic update feed whose address is given at build time', () => {
    expect(asArray(config.publish)).toEqual([{ provider: 'generic', url: '${env.PARLEY_UPDATE_URL}' }]);
  });

  it('makes the deb and rpm depend on the libraries of a system-built worker', () => {
    const deb = asArray(config.deb?.depends);
    const rpm = asArray(config.rpm?.depends);
    for (const name of SYSTEM_WORKER_PACKAGES.deb) expect(deb).toContain(name);
    for (const name of SYSTEM_WORKER_PACKAGES.rpm) expect(rpm).toContain(name);
    // Setting depends replaces electron-builder's defaults for Electron itself: they must be restated.
    expect(deb).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libnotify4', 'xdg-utils']));
    expect(rpm).toEqual(expect.arrayContaining(['gtk3', 'nss', 'libnotify', 'xdg-utils']));
  });

  // This machine's worker is the one built against Debian's libraries: every library it links
  // to must come from a package the .deb depends on (the C library and libgcc are always there).
  it("covers every Debian package this machine's worker binary links to", () => {
    const needed = execFileSync('readelf', ['-d', path.join(projectDir, WORKER)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /\(NEEDED\).*\[(.+)\]/.exec(line)?.[1])
      .filter((name): name is string => name !== undefined);
    expect(needed.length).toBeGreaterThan(0);
    // ldd says where each library is; dpkg -S which package owns that file (under /usr on merged-/usr systems).
    const paths = execFileSync('ldd', [path.join(projectDir, WORKER)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => /^\s*(\S+) => (\/\S+)/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null && needed.includes(match[1]!))
      .flatMap((match) => [match[2]!, match[2]!.replace(/^\/lib\//, '/usr/lib/')]);
    const search = spawnSync('dpkg', ['-S', ...new Set(paths)], { encoding: 'utf8' });
    const owners = new Set(search.stdout.split('\n').map((line) => line.split(':')[0]!.trim()).filter(Boolean));
    expect(owners.size).toBeGreaterThan(0);
    const alwaysThere = new Set(['libc6', 'libgcc-s1']);
    const deb = asArray(config.deb?.depends);
    for (const owner of owners) if (!alwaysThere.has(owner)) expect(deb, `a dependency on ${owner}`).toContain(owner);
  });
});

