/**
 * electron-builder.yml as electron-builder itself reads and checks it: its own loader (extends,
 * env files) and its own JSON-schema validation, plus its own file matchers, so the tests and
 * scripts/dist.mjs see exactly what a build would. No Electron here.
 */
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { FileMatcher, getFileMatchers as GetFileMatchers } from 'app-builder-lib/out/fileMatcher';
import { DebugLogger } from 'builder-util';
import type { Stats } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * electron-builder's own file matchers. Two of them are marked internal (absent from its typings),
 * so they are typed here by how app-builder-lib's appFileCopier calls them.
 */
const { getFileMatchers, getNodeModuleFileMatcher, getMainFileMatchers } = createRequire(import.meta.url)('app-builder-lib/out/fileMatcher') as {
  getFileMatchers: typeof GetFileMatchers;
  getNodeModuleFileMatcher(appDir: string, destination: string, macroExpander: (p: string) => string, options: object, packager: object): FileMatcher;
  getMainFileMatchers(appDir: string, destination: string, macroExpander: (p: string) => string, options: object, packager: object, outDir: string, isElectronCompile: boolean): FileMatcher[];
};

export const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CONFIG_FILE = 'electron-builder.yml';

/** Loads electron-builder.yml the way `electron-builder` does. */
export async function loadBuilderConfig(dir = projectDir): Promise<Configuration> {
  return getConfig(dir, path.join(dir, CONFIG_FILE), null);
}

/** electron-builder's own validation: rejects with its InvalidConfigurationError on any schema violation. */
export async function validateBuilderConfig(config: Configuration): Promise<void> {
  await validateConfiguration(config, new DebugLogger(false));
}

const noMacros = (pattern: string): string => pattern;
const statOf = (directory: boolean) => ({ isDirectory: () => directory }) as unknown as Stats;

/** The filter sees every folder on the way down (an excluded folder is not entered) and then the file. */
function passes(filter: (file: string, stat: Stats) => boolean, dir: string, relative: string, from: string): boolean {
  const parts = relative.split('/');
  for (let depth = 1; depth <= parts.length; depth++) {
    const file = path.join(dir, ...parts.slice(0, depth));
    if (!file.startsWith(`${from}${path.sep}`)) continue;
    if (!filter(file, statOf(depth < parts.length))) return false;
  }
  return true;
}

/**
 * Whether a file of the project (path relative to it, `/`-separated) ends up in the app, by the
 * same matchers electron-builder uses when it copies the app: the `files` patterns for the
 * project's own files, their exclusions for node_modules.
 */
export function shipsFile(config: Configuration, relative: string, dir = projectDir): boolean {
  if (relative.startsWith('node_modules/')) {
    const packager = { config, debugLogger: new DebugLogger(false) };
    const matcher = getNodeModuleFileMatcher(dir, '/app', noMacros, {}, packager);
    // electron-builder walks each package from its own folder, so the folders above it are not filtered.
    const packageDir = path.join(dir, ...relative.split('/').slice(0, relative.split('/')[1]!.startsWith('@') ? 3 : 2));
    return passes(matcher.createFilter(), dir, relative, packageDir);
  }
  const info = { projectDir: dir, buildResourcesDir: path.resolve(dir, config.directories?.buildResources ?? 'build'), config, isPrepackedAppAsar: false, debugLogger: new DebugLogger(false) };
  const outDir = path.resolve(dir, config.directories?.output ?? 'dist');
  const matchers = getMainFileMatchers(dir, '/app', noMacros, {}, { info }, outDir, false);
  return matchers.some((matcher) => passes(matcher.createFilter(), dir, relative, dir));
}

/** Whether a shipped file is unpacked next to app.asar (asarUnpack), by electron-builder's matcher. */
export function unpacksFile(config: Configuration, relative: string, dir = projectDir): boolean {
  const matchers = getFileMatchers(config, 'asarUnpack', '/app', { macroExpander: noMacros, customBuildOptions: {}, globalOutDir: path.join(dir, 'dist', 'installers'), defaultSrc: dir });
  return matchers !== null && matchers[0]!.createFilter()(path.join(dir, relative), statOf(false));
}

/**
 * The .desktop entry the deb and rpm install, as electron-builder's own LinuxTargetHelper writes
 * it from this configuration (a stand-in packager carries the names a build would know).
 */
export async function linuxDesktopEntry(config: Configuration, executableName = 'parley'): Promise<string> {
  const { LinuxTargetHelper } = await import('app-builder-lib/out/targets/LinuxTargetHelper');
  const packager = {
    config,
    platformSpecificBuildOptions: config.linux ?? {},
    executableName,
    fileAssociations: [],
    appInfo: { productName: config.productName ?? 'Parley', sanitizedProductName: config.productName ?? 'Parley', description: 'Parley', productFilename: 'Parley', version: '0.0.0' },
    info: { metadata: {} },
  };
  const helper = new LinuxTargetHelper(packager as never);
  return helper.computeDesktopEntry({ ...config.linux, ...config.deb });
}
