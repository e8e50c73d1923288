/**
 * A small contextual logger: one per module, a child per room or peer, so every line says where
 * it comes from (`[room:abc] [peer:42] produce() | kind=video`). Levels come from the server
 * config, never from module state.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface LogSink {
  (level: Exclude<LogLevel, 'silent'>, line: string): void;
}

const consoleSink: LogSink = (level, line) => {
  const out = level === 'error' || level === 'warn' ? console.error : console.log;
  out(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${line}`);
};

export class Logger {
  constructor(
    private readonly prefix: string,
    private readonly level: LogLevel = 'info',
    private readonly sink: LogSink = consoleSink,
  ) {}

  child(context: string): Logger {
    return new Logger(`${this.prefix} [${context}]`, this.level, this.sink);
  }

  debug(message: string): void {
    this.write('debug', message);
  }

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string, error?: unknown): void {
    const detail = error instanceof Error ? `: ${error.message}` : error === undefined ? '' : `: ${String(error)}`;
    this.write('error', `${message}${detail}`);
  }

  private write(level: Exclude<LogLevel, 'silent'>, message: string): void {
    if (order[level] >= order[this.level]) this.sink(level, `${this.prefix} ${message}`);
  }
}
