import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from './cliArgs';
import { ConfigErrorCode, loadConfigFile } from './configFile';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const at = path.join(dir, name);
  fs.writeFileSync(at, JSON.stringify(content));
  return at;
}

describe('the server configuration file', () => {
  it('reads every documented key of the example file', () => {
    const example = path.resolve(import.meta.dirname, '..', '..', 'packaging', 'server', 'server.example.json');
    const copy = path.join(dir, 'example.json');
    fs.copyFileSync(example, copy);
    fs.mkdirSync(path.join(dir, 'updates'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'token.key'), Buffer.alloc(48, 1));
    const config = loadConfigFile(copy);
    expect(config).toMatchObject({ host: '0.0.0.0', port: 8443, workers: 2, rtcPort: 40000, logLevel: 'info' });
    expect(config.updateFeed).toEqual({ dir: path.join(dir, 'updates') });
    expect(config.tokenSecret?.length).toBe(48);
  });

  it('resolves paths against the file’s folder, not the working directory', () => {
    const config = loadConfigFile(file('paths.json', { webRoot: 'web' }));
    expect(config.webRoot).toBe(path.join(dir, 'web'));
  });

  it('lets flags and environment variables override the file, and the file the defaults', () => {
    const fromFile = { host: '10.1.1.1', port: 9000, workers: 3 };
    const load = () => fromFile;
    expect(parseCli(['--config', 'x.json'], {}, load)).toEqual(fromFile);
    expect(parseCli(['--config', 'x.json', '--port', '9100'], { PARLEY_WORKERS: '1' }, load)).toEqual({ host: '10.1.1.1', port: 9100, workers: 1 });
    expect(parseCli([], { PARLEY_CONFIG: 'x.json', PARLEY_HOST: '127.0.0.1' }, load)).toEqual({ ...fromFile, host: '127.0.0.1' });
  });

  it.each([
    [{ workers: 0 }, 'workers'],
    [{ allowedOrigins: ['https://meet.example.org/path'] }, 'allowedOrigins.0'],
    [{ logLevel: 'loud' }, 'logLevel'],
    [[1, 2], '(top level)'],
  ])('refuses %j, naming %s', (content, key) => {
    expect(() => loadConfigFile(file('bad.json', content))).toThrow(expect.objectContaining({ code: ConfigErrorCode.Invalid, message: expect.stringContaining(`${key}:`) }));
  });

  it('reads the cluster key, and lets --redis and --node-id override it', () => {
    const at = file('cluster.json', { cluster: { redis: 'redis://10.0.0.9:6379', nodeId: 'file-node', pipeAddress: '10.0.0.5', pipePorts: { min: 45000, max: 45100 } } });
    expect(loadConfigFile(at).cluster).toEqual({ redisUrl: 'redis://10.0.0.9:6379', nodeId: 'file-node', pipeAddress: '10.0.0.5', pipePorts: { min: 45000, max: 45100 } });
    expect(parseCli(['--config', at, '--node-id', 'flag-node'], {})).toMatchObject({ cluster: { redisUrl: 'redis://10.0.0.9:6379', nodeId: 'flag-node', pipeAddress: '10.0.0.5' } });
    expect(() => loadConfigFile(file('bad-cluster.json', { cluster: { nodeId: 'x' } }))).toThrow(expect.objectContaining({ code: ConfigErrorCode.Invalid, message: expect.stringContaining('cluster.redis') }));
  });
});
