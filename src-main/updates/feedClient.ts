/**
 * The app side of an update feed, as electron-updater's generic provider reads it: `latest.yml`
 * (or `latest-mac.yml`, `latest-linux.yml`) in a folder, naming each installer with its size and
 * its sha512 in base64. Downloads are hashed while they stream to disk and refused, and deleted,
 * when hash or size differ from the feed's, so a damaged or tampered installer never reaches the
 * installer step. The settings use it to check that a feed answers before saving it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yaml from 'js-yaml';
import { z } from 'zod';
import { ErrorCode, ParleyError } from '../../src-common/errors';

/** A feed entry names a file in the same folder: no scheme, no path, nothing to leave the feed with. */
const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ +-]*$/, 'a feed file is a plain name in the feed folder')
  .refine((name) => !name.includes('..'), 'a feed file is a plain name in the feed folder');

/** sha512 digests are 64 bytes: 88 characters of base64. */
const sha512Schema = z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'sha512 must be 64 bytes in base64');

export const feedFileSchema = z.object({
  url: fileNameSchema,
  sha512: sha512Schema,
  size: z.number().int().positive().optional(),
});
export type FeedFile = z.infer<typeof feedFileSchema>;

/** What latest.yml says (electron-builder also writes `path`/`sha512` of the first file, kept for old clients). */
export const feedReleaseSchema = z.object({
  version: z.string().min(1).max(64),
  files: z.array(feedFileSchema).min(1).max(32),
  releaseDate: z.string().max(64).optional(),
});
export type FeedRelease = z.infer<typeof feedReleaseSchema>;

/** The channel file for this platform, as electron-updater names it. */
export function channelFile(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return 'latest-linux.yml';
  return 'latest.yml';
}

export interface FeedClientOptions {
  /** Per request, to the first byte of the answer (installers may then take long to stream). */
  timeoutMs?: number;
}

const MAX_FEED_BYTES = 64 * 1024;

async function get(url: URL, timeoutMs: number): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (error) {
    throw new ParleyError(ErrorCode.Unavailable, `the update feed at ${url.origin} did not answer: ${(error as Error).message}`);
  }
  if (response.status === 404) throw new ParleyError(ErrorCode.NotFound, `the update feed has no ${path.posix.basename(url.pathname)}`);
  if (!response.ok) throw new ParleyError(ErrorCode.Unavailable, `the update feed answered ${response.status} for ${path.posix.basename(url.pathname)}`);
  return response;
}

/** Reads and checks the feed's release description. */
export async function fetchRelease(feedUrl: string, channel: string, options: FeedClientOptions = {}): Promise<FeedRelease> {
  const response = await get(new URL(channel, folder(feedUrl)), options.timeoutMs ?? 15_000);
  const text = await response.text();
  if (text.length > MAX_FEED_BYTES) throw new ParleyError(ErrorCode.TooLarge, `${channel} is larger than an update feed file can be`);
  let parsed: unknown;
  try {
    parsed = yaml.load(text, { schema: yaml.JSON_SCHEMA });
  } catch (error) {
    throw new ParleyError(ErrorCode.BadRequest, `${channel} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const release = feedReleaseSchema.safeParse(parsed);
  if (!release.success) throw new ParleyError(ErrorCode.BadRequest, `${channel} is not an update feed: ${z.prettifyError(release.error)}`);
  return release.data;
}

/**
 * Downloads `file` from the feed into `destinationDir`, hashing it on the way. Resolves with the
 * path of a file whose sha512 and size match the feed; otherwise removes what it wrote and
 * rejects with INTEGRITY_FAILED.
 */
export async function downloadVerified(feedUrl: string, entry: FeedFile, destinationDir: string, options: FeedClientOptions = {}): Promise<string> {
  // Checked again here: the name becomes a path on this machine.
  const checked = feedFileSchema.safeParse(entry);
  if (!checked.success) throw new ParleyError(ErrorCode.BadRequest, `not a feed entry: ${z.prettifyError(checked.error)}`);
  const file = checked.data;
  const response = await get(new URL(encodeURIComponent(file.url), folder(feedUrl)), options.timeoutMs ?? 15_000);
  if (!response.body) throw new ParleyError(ErrorCode.Unavailable, `the update feed sent no content for ${file.url}`);
  fs.mkdirSync(destinationDir, { recursive: true });
  const target = path.join(destinationDir, file.url);
  const partial = `${target}.partial`;
  const hash = createHash('sha512');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      hash.update(chunk);
      // Past the announced size it can only be wrong: stop reading instead of filling the disk.
      if (file.size !== undefined && bytes > file.size) callback(new ParleyError(ErrorCode.IntegrityFailed, `${file.url} is larger than the feed says`));
      else callback(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), meter, fs.createWriteStream(partial));
    const digest = hash.digest('base64');
    if (file.size !== undefined && bytes !== file.size) {
      throw new ParleyError(ErrorCode.IntegrityFailed, `${file.url} is ${bytes} bytes, the feed says ${file.size}`);
    }
    if (digest !== file.sha512) {
      throw new ParleyError(ErrorCode.IntegrityFailed, `${file.url} does not match the sha512 in the feed; it was not kept`);
    }
    fs.renameSync(partial, target);
    return target;
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof ParleyError) throw error;
    throw new ParleyError(ErrorCode.Unavailable, `downloading ${file.url} failed: ${(error as Error).message}`);
  }
}

function folder(feedUrl: string): URL {
  const url = new URL(feedUrl);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ParleyError(ErrorCode.BadRequest, 'an update feed is an http:// or https:// address');
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}
