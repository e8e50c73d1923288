import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log/Logger';

/**
 * Reads a small JSON settings file. A missing file is `undefined`; an unreadable one is logged
 * and also `undefined`, so the caller falls back to defaults instead of failing to start.
 */
export function readJsonFile(file: string, logger: Logger): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warn(`readJsonFile() | cannot read ${file}`, error);
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    logger.warn(`readJsonFile() | ${file} is not valid JSON; using defaults`, error);
    return undefined;
  }
}

/**
 * Replaces a JSON file atomically: written to a temporary file, flushed, then renamed over the
 * old one, so a crash leaves either the old or the new content, never half of it.
 */
export function writeJsonFileAtomic(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w');
  try {
    fs.writeSync(fd, `${JSON.stringify(value, null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, file);
}
