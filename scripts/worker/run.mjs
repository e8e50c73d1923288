// Running build commands with their output both on the terminal and in a build log.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export function makeLogger(logFile) {
  const log = (message) => {
    const line = `[worker] ${message}`;
    console.log(line);
    if (logFile) fs.appendFileSync(logFile, `${line}\n`);
  };
  /** Runs a command; its output goes to the log file (and the terminal unless quiet). */
  log.run = (cmd, args, options = {}) => {
    const { quiet = false, allowFailure = false, ...spawnOptions } = options;
    if (logFile) fs.appendFileSync(logFile, `$ ${cmd} ${args.join(' ')}\n`);
    const result = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...spawnOptions });
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (logFile) fs.appendFileSync(logFile, output);
    if (!quiet) process.stdout.write(output);
    if (result.status !== 0 && !allowFailure) {
      if (quiet) process.stdout.write(output.slice(-4000));
      throw new Error(`${cmd} ${args.join(' ')} failed with status ${result.status ?? result.signal}`);
    }
    return { status: result.status, output };
  };
  return log;
}
