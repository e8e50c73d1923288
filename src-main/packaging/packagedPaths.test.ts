import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig, unpacksFile } from './builderConfig';
import { packagedWorkerPath, workerRelativePath } from './packagedPaths';

describe('packagedWorkerPath', () => {
  it('points next to app.asar, where electron-builder.yml unpacks the worker on every OS', async () => {
    const config = await loadBuilderConfig();
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(unpacksFile(config, workerRelativePath(platform)), platform).toBe(true);
    }
    expect(packagedWorkerPath('/opt/Parley/resources', 'linux')).toBe(path.join('/opt/Parley/resources', 'app.asar.unpacked', 'node_modules', 'mediasoup', 'worker', 'out', 'Release', 'mediasoup-worker'));
    expect(packagedWorkerPath('C:\\Parley\\resources', 'win32')).toMatch(/mediasoup-worker\.exe$/);
  });
});
