import { readFileSync, writeFileSync } from 'node:fs';
import type { MetricResult } from '../types';
import type { MachineInfo } from './machine';
import { resultsTable } from './table';

const BEGIN = '<!-- bench:results:begin (written by npm run bench; edits here are overwritten) -->';
const END = '<!-- bench:results:end -->';

/** The generated part of docs/benchmarks.md: machine, date, conditions and the latest table. */
export function docsSection(options: { date: string; seconds: number; machine: MachineInfo; results: readonly MetricResult[]; jsonPath: string }): string {
  const { machine, results } = options;
  const notes = results.flatMap((r) => r.notes.map((n) => `- (${r.title.split(' ')[0]!.replace('.', '')}) ${n}`));
  return [
    BEGIN,
    `Latest run: **${options.date}**, ${Math.round(options.seconds)} s, raw data in \`${options.jsonPath}\`.`,
    '',
    `Machine: ${machine.cpuModel}, ${machine.cpus} CPUs (${machine.threadsPerCore} thread(s) per core), ${machine.memoryGiB} GiB; ` +
      `Linux ${machine.kernel}; Node ${machine.node}; mediasoup ${machine.mediasoup}; ${machine.chromium}; Janus ${machine.janus}; ` +
      `OpenSSL ${machine.openssl}. Load average when the run started: ${machine.loadAverageAtStart}.`,
    '',
    resultsTable(results),
    '',
    'Conditions:',
    '',
    ...notes,
    END,
  ].join('\n');
}

/** Replaces the generated section of `file` (or appends it when the markers are absent). */
export function updateDocs(file: string, section: string): void {
  const current = readFileSync(file, 'utf8');
  const start = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next = start >= 0 && end > start ? current.slice(0, start) + section + current.slice(end + END.length) : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(file, next);
}
