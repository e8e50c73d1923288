/**
 * `npm run bench`: runs every metric module of the registry in order, prints the results table,
 * writes bench/results/<date>.json and refreshes the table in docs/benchmarks.md.
 * Flags: --only id,id (a subset; modules they need run too; each metric that completes gets its
 * own dated section in the docs) and --quick (short windows; the docs are not updated from a quick run).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BenchError } from './lib/errors';
import { metricModules } from './registry';
import { docsSection, hasMetricSection, metricSection, updateDocs, updateMetricDocs } from './report/docs';
import { machineInfo } from './report/machine';
import { resultsTable } from './report/table';
import { prepareTools } from './setup/tools';
import type { BenchContext, MetricModule, MetricResult } from './types';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function log(message: string): void {
  console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** The modules to run: all, or the requested ones plus what they need, in registry order. */
function selectModules(only: string | undefined): MetricModule[] {
  if (!only) return [...metricModules];
  const wanted = new Set(only.split(',').map((id) => id.trim()));
  for (const id of wanted) {
    if (!metricModules.some((m) => m.id === id)) throw new Error(`no metric module "${id}" (have: ${metricModules.map((m) => m.id).join(', ')})`);
  }
  for (const module of [...metricModules].reverse()) {
    if (wanted.has(module.id)) for (const need of module.needs ?? []) wanted.add(need);
  }
  return metricModules.filter((m) => wanted.has(m.id));
}

async function runModule(module: MetricModule, ctx: BenchContext): Promise<MetricResult> {
  const started = performance.now();
  log(`== ${module.title}`);
  const missing = (module.needs ?? []).filter((id) => !ctx.results.get(id) || ctx.results.get(id)?.error);
  const base = { id: module.id, title: module.title };
  if (missing.length > 0) {
    return { ...base, rows: [], data: null, notes: [], seconds: 0, error: { code: 'SKIPPED', message: `needs ${missing.join(', ')}, which did not complete` } };
  }
  try {
    const outcome = await module.run(ctx);
    return { ...base, ...outcome, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    const code = error instanceof BenchError ? error.code : 'FAILED';
    const message = error instanceof Error ? error.message : String(error);
    log(`${module.id} failed: ${code} ${message}`);
    if (error instanceof Error && !(error instanceof BenchError)) console.error(error.stack);
    return { ...base, rows: [], data: null, notes: [], seconds: (performance.now() - started) / 1000, error: { code, message } };
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean' } } });
  const modules = selectModules(values.only);
  const started = performance.now();
  const tools = prepareTools(log);
  if (!tools.janus.ok) log(`Janus rows will be missing: ${tools.janus.reason}`);
  const machine = machineInfo(tools.chromium);
  const results = new Map<string, MetricResult>();
  const ctx: BenchContext = { tools, results, quick: values.quick === true, log };
  for (const module of modules) results.set(module.id, await runModule(module, ctx));

  const seconds = (performance.now() - started) / 1000;
  const list = [...results.values()];
  console.log(`\n${resultsTable(list)}\n`);
  const date = new Date().toISOString().slice(0, 10);
  const resultsDir = path.join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const jsonName = `${date}${values.quick ? '-quick' : ''}${values.only ? '-partial' : ''}.json`;
  const jsonPath = path.join(resultsDir, jsonName);
  writeFileSync(jsonPath, `${JSON.stringify({ date: new Date().toISOString(), seconds, machine, quick: ctx.quick, results: list }, null, 2)}\n`);
  log(`wrote bench/results/${jsonName}`);
  const docs = path.join(repoRoot, 'docs', 'benchmarks.md');
  const run = { date, seconds, machine, jsonPath: `bench/results/${jsonName}` };
  if (!values.quick && !values.only) {
    updateDocs(docs, docsSection({ ...run, results: list }));
    log('updated docs/benchmarks.md');
  }
  if (!values.quick) {
    // A partial run writes each completed metric's own section; a full run refreshes existing ones.
    for (const result of list) {
      if (result.error || (!values.only && !hasMetricSection(docs, result.id))) continue;
      updateMetricDocs(docs, result.id, metricSection(result, run, values.only !== undefined));
      log(`updated the ${result.id} section of docs/benchmarks.md`);
    }
  }
  log(`done in ${Math.round(seconds)} s`);
  // Failed metrics are reported in the table; the run itself only fails when nothing was measured.
  if (list.every((r) => r.error)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
