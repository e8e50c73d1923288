/**
 * The LAN update feed end to end over real HTTP: a real Parley server (createServer, a real
 * mediasoup worker) serves a feed folder laid out as electron-builder publishes it, and the app
 * side reads it, both with Parley's own client and with electron-updater's own generic provider
 * and sha512-checked download, and refuses a tampered installer.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { RequestOptions } from 'node:http';
import path from 'node:path';
import { CancellationToken, configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import { GenericProvider } from 'electron-updater/out/providers/GenericProvider';
import yaml from 'js-yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src-common/errors';
import { createServer, type ParleyServer } from '../../server/src/createServer';
import { tempDir } from '../testing/tempDir';
import { channelFile, downloadVerified, fetchRelease, type FeedFile } from './feedClient';

const INSTALLER = 'Parley-Setup-0.2.0-x64.exe';

/**
 * electron-updater downloads through its ElectronHttpExecutor, which needs Electron's net module;
 * this one sends the same call (builder-util-runtime's doDownload to a file, where its
 * DigestTransform checks the sha512) over Node's http instead.
 */
class NodeDownloader extends NodeHttpExecutor {
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = {};
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      const callback = (error: Error | null): void => (error ? reject(error) : resolve(destination));
      this.doDownload(requestOptions, { destination, options, onCancel, callback, responseHandler: null }, 0);
    });
  }
}
const sha512 = (data: Buffer): string => createHash('sha512').update(data).digest('base64');

let server: ParleyServer;
let feedDir: string;
let downloads: string;
const made: Array<ReturnType<typeof tempDir>> = [];
const makeTempDir = (prefix: string): string => {
  const dir = tempDir(prefix);
  made.push(dir);
  return dir.path;
};
let feedUrl: string;
let installer: Buffer;

/** Publishes `installer` the way electron-builder does: the file, and latest.yml naming its sha512 and size. */
function publish(content: Buffer, announced: Buffer = content): void {
  fs.writeFileSync(path.join(feedDir, INSTALLER), content);
  const entry = { url: INSTALLER, sha512: sha512(announced), size: announced.length };
  const latest = { version: '0.2.0', files: [entry], path: INSTALLER, sha512: entry.sha512, releaseDate: '2026-12-03T08:00:00.000Z' };
  fs.writeFileSync(path.join(feedDir, 'latest.yml'), yaml.dump(latest, { lineWidth: 8000 }));
}

beforeAll(async () => {
  feedDir = makeTempDir('parley-feed-');
  server = await createServer({ host: '127.0.0.1', port: 0, workers: 1, rtcPort: 0, logLevel: 'warn', updateFeed: { dir: feedDir } });
  feedUrl = `${server.url}/updates/`;
});

afterAll(async () => {
  await server.close();
  for (const dir of made) dir.remove();
});

beforeEach(() => {
  downloads = makeTempDir('parley-downloads-');
  // Bigger than one TCP window and one stream chunk, so hashing really spans a stream.
  installer = randomBytes(3 * 1024 * 1024 + 17);
  publish(installer);
});

describe('the LAN update feed', () => {
  it('serves latest.yml and the installer; the app reads the release and keeps a verified copy', async () => {
    const release = await fetchRelease(feedUrl, channelFile('win32'));
    expect(release.version).toBe('0.2.0');
    expect(release.files).toEqual([{ url: INSTALLER, sha512: sha512(installer), size: installer.length }]);
    const file = await downloadVerified(feedUrl, release.files[0]!, downloads);
    expect(fs.readFileSync(file).equals(installer)).toBe(true);
  });

  it('refuses a tampered installer and keeps nothing of it', async () => {
    const tampered = Buffer.from(installer);
    tampered[tampered.length >> 1]! ^= 0xff;
    publish(tampered, installer);
    const release = await fetchRelease(feedUrl, 'latest.yml');
    await expect(downloadVerified(feedUrl, release.files[0]!, downloads)).rejects.toMatchObject({ code: ErrorCode.IntegrityFailed });
    expect(fs.readdirSync(downloads)).toEqual([]);
  });

  it('refuses an installer of another size than announced, before reading all of a larger one', async () => {
    publish(Buffer.concat([installer, randomBytes(1024)]), installer);
    const release = await fetchRelease(feedUrl, 'latest.yml');
    await expect(downloadVerified(feedUrl, release.files[0]!, downloads)).rejects.toMatchObject({ code: ErrorCode.IntegrityFailed, message: /larger than the feed says/ });
    publish(installer.subarray(0, installer.length - 1), installer);
    await expect(downloadVerified(feedUrl, release.files[0]!, downloads)).rejects.toMatchObject({ code: ErrorCode.IntegrityFailed, message: /bytes, the feed says/ });
    expect(fs.readdirSync(downloads)).toEqual([]);
  });

  it('reads the same feed with electron-updater’s own provider, whose sha512-checked download refuses the tampered file', async () => {
    const executor = new NodeDownloader();
    const updater = { channel: null, isAddNoCacheQuery: false } as never;
    const provider = new GenericProvider({ provider: 'generic', url: feedUrl }, updater, { executor: executor as never, platform: 'win32', isUseMultipleRangeRequest: false });
    const info = await provider.getLatestVersion();
    expect(info.version).toBe('0.2.0');
    const [resolved] = provider.resolveFiles(info);
    expect(resolved!.info.sha512).toBe(sha512(installer));

    const good = path.join(downloads, 'good.exe');
    await executor.download(resolved!.url, good, { sha512: resolved!.info.sha512, cancellationToken: new CancellationToken() });
    expect(fs.readFileSync(good).equals(installer)).toBe(true);

    const tampered = Buffer.from(installer);
    tampered[0]! ^= 0x01;
    publish(tampered, installer);
    await expect(
      executor.download(resolved!.url, path.join(downloads, 'bad.exe'), { sha512: resolved!.info.sha512, cancellationToken: new CancellationToken() }),
    ).rejects.toThrow(/sha512 checksum mismatch/);
  });

  it.each([
    ['an entry outside the feed folder', { version: '1.0.0', files: [{ url: '../../etc/passwd', sha512: sha512(Buffer.from('x')) }] }],
    ['an entry on another host', { version: '1.0.0', files: [{ url: 'http://192.0.2.7/x.exe', sha512: sha512(Buffer.from('x')) }] }],
    ['a digest that is not sha512', { version: '1.0.0', files: [{ url: INSTALLER, sha512: 'abc' }] }],
    ['no files', { version: '1.0.0', files: [] }],
  ])('refuses a feed with %s', async (_name, latest) => {
    fs.writeFileSync(path.join(feedDir, 'latest.yml'), yaml.dump(latest));
    await expect(fetchRelease(feedUrl, 'latest.yml')).rejects.toMatchObject({ code: ErrorCode.BadRequest });
  });

  it('answers NOT_FOUND for a channel the feed does not have, and UNAVAILABLE for a host that is not there', async () => {
    await expect(fetchRelease(feedUrl, 'latest-mac.yml')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    const closed = await createServer({ host: '127.0.0.1', port: 0, workers: 1, rtcPort: 0, logLevel: 'silent' });
    const gone = `${closed.url}/updates/`;
    await closed.close();
    await expect(fetchRelease(gone, 'latest.yml', { timeoutMs: 5_000 })).rejects.toMatchObject({ code: ErrorCode.Unavailable });
  });

  it('serves only the plain files of the feed folder', async () => {
    fs.writeFileSync(path.join(feedDir, '.secret'), 'no');
    fs.mkdirSync(path.join(feedDir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(feedDir, 'sub', 'x.yml'), 'no');
    for (const probe of ['..%2Fpackage.json', '.secret', 'sub', 'sub%2Fx.yml', '%E0%A4%A', 'latest.yml%00.exe']) {
      const response = await fetch(`${feedUrl}${probe}`);
      expect([400, 404], probe).toContain(response.status);
    }
    const post = await fetch(`${feedUrl}latest.yml`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    const head = await fetch(`${feedUrl}${INSTALLER}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBe(installer.length);
  });

  it('answers readiness with the live workers', async () => {
    const response = await fetch(`${server.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true, workers: { live: 1, configured: 1 } });
  });
});

describe('a feed entry', () => {
  it('is only ever a plain name (a download cannot be steered out of the download folder)', async () => {
    const sneaky = { url: '../escape.exe', sha512: sha512(Buffer.from('x')) } as FeedFile;
    await expect(downloadVerified(feedUrl, sneaky, downloads)).rejects.toMatchObject({ code: ErrorCode.BadRequest });
    expect(fs.existsSync(path.join(downloads, '..', 'escape.exe'))).toBe(false);
  });
});
