import type { MetricResult } from '../types';

const fmt = (value: number | null): string => {
  if (value === null || !Number.isFinite(value)) return 'n/a';
  return Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value);
};

/** The results as a Markdown table (also readable as plain text on the console). */
export function resultsTable(results: readonly MetricResult[]): string {
  const lines = ['| metric | measurement | value | unit | compared with / how |', '| --- | --- | ---: | --- | --- |'];
  for (const result of results) {
    const metric = result.title.split(' ')[0]!.replace('.', '');
    if (result.error) {
      lines.push(`| ${metric} | ${result.title} | n/a | | not measured: ${result.error.code} ${result.error.message.replace(/\|/g, '/')} |`);
    }
    for (const row of result.rows) {
      lines.push(`| ${metric} | ${row.name} | ${fmt(row.value)} | ${row.unit} | ${(row.note ?? '').replace(/\|/g, '/')} |`);
    }
  }
  return lines.join('\n');
}
