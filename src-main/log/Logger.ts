/**
 * The logger every main-process module takes as an argument: one per module, a child per scope
 * (`[history] [meeting:12] endMeeting() | reason=left`). The app passes one that writes to the
 * rotating log file (electron-log); tests pass {@link memoryLogger}.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
  child(scope: string): Logger;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where formatted lines go. */
export type LogWrite = (level: LogLevel, line: string) => void;

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** A logger that prefixes each line with its scopes and hands it to `write`. */
export function scopedLogger(write: LogWrite, scopes: readonly string[] = []): Logger {
  const prefix = scopes.map((s) => `[${s}]`).join(' ');
  const line = (message: string, error?: unknown): string =>
    `${prefix ? `${prefix} ` : ''}${message}${error === undefined ? '' : `: ${describeError(error)}`}`;
  return {
    debug: (message) => write('debug', line(message)),
    info: (message) => write('info', line(message)),
    warn: (message, error) => write('warn', line(message, error)),
    error: (message, error) => write('error', line(message, error)),
    child: (scope) => scopedLogger(write, [...scopes, scope]),
  };
}

/** Keeps lines in memory, for tests that assert on what was logged. */
export function memoryLogger(): Logger & { lines: Array<{ level: LogLevel; line: string }> } {
  const lines: Array<{ level: LogLevel; line: string }> = [];
  return Object.assign(
    scopedLogger((level, line) => lines.push({ level, line })),
    { lines },
  );
}
