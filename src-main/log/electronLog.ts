import log from 'electron-log/main';
import { scopedLogger, type Logger } from './Logger';

/** Rotation: past this size main.log becomes main.old.log and a new file starts. */
const MAX_LOG_BYTES = 5 * 1024 * 1024;

/**
 * The app's logger: lines go to a rotating file in the app's logs folder (electron-log's
 * default place per OS) and, in development, to the console.
 */
export function createAppLogger(options: { debug: boolean }): { logger: Logger; file: string } {
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.level = options.debug ? 'debug' : 'info';
  log.transports.console.level = options.debug ? 'debug' : 'warn';
  const logger = scopedLogger((level, line) => log[level](line));
  return { logger, file: log.transports.file.getFile().path };
}
