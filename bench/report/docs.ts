import { readFileSync, writeFileSync } from 'node:fs';
import type { MetricResult } from '../types';
import type { MachineInfo } from './machine';
import { resultsTable } from './table';

const BEGIN = '<!-- bench:results:begin (written by npm run bench; edits here are overwritten) -->';
const END = '<!-- bench:results:end -->';
const metricBegin = (id: string): string => `<!-- bench:metric:${id}:begin (written by npm run bench -- --only ${id}; edits here are overwritten) -->`;
const metricEnd = (id: string): string => `<!-- bench:metric:${id}:end -->`;

interface RunInfo {
  date: string;
  seconds: number;
  machine: MachineInfo;
  jsonPath: string;
}

const metricNumber = (result: MetricResult): string => result.title.split(' ')[0]!.replace('.', '');

function machineLine(machine: MachineInfo): string {
  return (
    `Machine: ${machine.cpuModel}, ${machine.cpus} CPUs (${machine.threadsPerCore} thread(s) per core), ${machine.memoryGiB} GiB; ` +
    `Linux ${machine.kernel}; Node ${machine.node}; mediasoup ${machine.mediasoup}; ${machine.chromium}; Janus ${machine.janus}; ` +
    `OpenSSL ${machine.openssl}. Load average when the run started: ${machine.loadAverageAtStart}.`
  );
}

/** The generated part of docs/benchmarks.md: machine, date, conditions and the latest table. */
export function docsSection(options: RunInfo & { results: readonly MetricResult[] }): string {
  const { results } = options;
  const notes = results.flatMap((r) => r.notes.map((n) => `- (${metricNumber(r)}) ${n}`));
  return [
    BEGIN,
    `Latest run: **${options.date}**, ${Math.round(options.seconds)} s, raw data in \`${options.jsonPath}\`.`,
    '',
    machineLine(options.machine),
    '',
    resultsTable(results),
    '',
    'Conditions:',
    '',
    ...notes,
    END,
  ].join('\n');
}

/**
 * One metric's own section, for a run of only some metrics (`--only`): its table, conditions
 * and cost, dated, so a metric can be measured without rerunning the whole suite.
 */
export function metricSection(result: MetricResult, run: RunInfo, alone: boolean): string {
  const how = alone ? `Measured alone (\`npm run bench -- --only ${result.id}\`)` : 'Measured in the full run';
  return [
    metricBegin(result.id),
    `### ${result.title}`,
    '',
    `${how} on **${run.date}**: this metric took ${Math.round(result.seconds)} s of wall clock; raw data in \`${run.jsonPath}\`.`,
    '',
    machineLine(run.machine),
    '',
    resultsTable([result]),
    '',
    'Conditions:',
    '',
    ...result.notes.map((n) => `- ${n}`),
    metricEnd(result.id),
  ].join('\n');
}

/** Replaces the text between `begin` and `end` in `current` (or appends `section` when they are absent). */
function replaceBetween(current: string, begin: string, end: string, section: string): string {
  const start = current.indexOf(begin);
  const stop = current.indexOf(end);
  return start >= 0 && stop > start ? current.slice(0, start) + section + current.slice(stop + end.length) : `${current.trimEnd()}\n\n${section}\n`;
}

/** Replaces the generated section of `file` (or appends it when the markers are absent). */
export function updateDocs(file: string, section: string): void {
  writeFileSync(file, replaceBetween(readFileSync(file, 'utf8'), BEGIN, END, section));
}

/** Replaces (or appends) the section of metric `id` in `file`. */
export function updateMetricDocs(file: string, id: string, section: string): void {
  writeFileSync(file, replaceBetween(readFileSync(file, 'utf8'), metricBegin(id), metricEnd(id), section));
}

/** Whether `file` has a section of its own for metric `id` (a full run refreshes those too). */
export function hasMetricSection(file: string, id: string): boolean {
  return readFileSync(file, 'utf8').includes(metricBegin(id));
}
