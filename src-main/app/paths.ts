import fs from 'node:fs';
import path from 'node:path';

/** Where the running app finds its parts and keeps its data. */
export interface AppPaths {
  userData: string;
  /** The built web client (dist/web). */
  webRoot: string;
  /** The bundled preload script. */
  preload: string;
  /** The LAN host's utility process entry (hostProcess.cjs). */
  hostProcess: string;
  /** Icons and tray images. */
  resources: string;
  /**
   * better-sqlite3 compiled for this Electron's ABI by scripts/ensure-electron-native.mjs, kept
   * apart from the Node build the tests use; undefined to use the package's own build.
   */
  nativeBinding: string | undefined;
}

/** Paths relative to the bundle folder (dist/main), for a development checkout. */
export function resolveAppPaths(bundleDir: string, userData: string, abi: string): AppPaths {
  const dist = path.resolve(bundleDir, '..');
  const native = path.join(dist, 'native', `electron-abi-${abi}`, 'better_sqlite3.node');
  return {
    userData,
    webRoot: path.join(dist, 'web'),
    preload: path.join(bundleDir, 'preload.cjs'),
    hostProcess: path.join(bundleDir, 'hostProcess.cjs'),
    resources: path.resolve(dist, '..', 'resources'),
    nativeBinding: fs.existsSync(native) ? native : undefined,
  };
}
