import path from 'node:path';

/** The worker's place inside the app, relative to the app folder (the same in a checkout and in app.asar). */
export function workerRelativePath(platform: NodeJS.Platform): string {
  return path.posix.join('node_modules', 'mediasoup', 'worker', 'out', 'Release', platform === 'win32' ? 'mediasoup-worker.exe' : 'mediasoup-worker');
}

/**
 * Where an installed app's mediasoup worker is: electron-builder unpacks it (asarUnpack) next to
 * app.asar, because the worker is started as a program of its own and nothing can run from inside
 * the archive. The main bundle contains mediasoup's JavaScript, whose own guess of the path would
 * point into the bundle, so an embedded server sets MEDIASOUP_WORKER_BIN to this.
 */
export function packagedWorkerPath(resourcesPath: string, platform: NodeJS.Platform): string {
  return path.join(resourcesPath, 'app.asar.unpacked', ...workerRelativePath(platform).split('/'));
}
