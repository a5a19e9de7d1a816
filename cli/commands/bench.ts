// techmap bench [name...]: runs benchmarks from bench/<name>.ts and prints their figures and ratios as one table.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { repoRoot } from '../../platform/config';
import type { BenchFn, BenchResult } from '../../bench/types';

const benchDir = path.join(repoRoot, 'bench');

/** Benchmarks available: every bench/<name>.ts that exports run(). */
export function benchNames(): string[] {
  return fs
    .readdirSync(benchDir)
    .filter((f) => f.endsWith('.ts') && f !== 'types.ts' && !f.startsWith('_'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
}

export function formatResults(results: BenchResult[]): string {
  const rows: string[][] = [['benchmark', 'measure', 'value', 'target']];
  for (const r of results) {
    for (const f of r.figures) rows.push([r.name, f.label, `${formatNumber(f.value)} ${f.unit}`, '']);
    for (const q of r.ratios) {
      const mark = q.met === undefined ? '' : q.met ? ' (met)' : ' (NOT met)';
      rows.push([r.name, q.label, `${formatNumber(q.value)}x`, `${q.target ?? ''}${mark}`]);
    }
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const sep = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]!), sep, ...rows.slice(1).map(line)].join('\n');
}

function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(2);
}

export function register(program: Command): void {
  program
    .command('bench [names...]')
    .description(`run benchmarks (default: all) and print one table; names: ${benchNames().join(', ')}`)
    .allowUnknownOption()
    .option('--json', 'print the results as JSON')
    .action(async (names: string[], opts: { json?: boolean }) => {
      const known = benchNames();
      const selected = names.filter((n) => !n.startsWith('-'));
      const chosen = selected.length > 0 ? selected : known;
      for (const n of chosen)
        if (!known.includes(n)) throw new Error(`unknown benchmark '${n}': one of ${known.join(', ')}`);
      const results: BenchResult[] = [];
      for (const name of chosen) {
        process.stderr.write(`bench: running ${name}...\n`);
        const mod = (await import(path.join(benchDir, `${name}.ts`))) as { run: BenchFn };
        const result = await mod.run(names.filter((n) => n.startsWith('-')));
        results.push(result);
        for (const note of result.notes ?? []) process.stderr.write(`bench: ${name}: ${note}\n`);
      }
      process.stdout.write(opts.json ? `${JSON.stringify(results, null, 2)}\n` : `${formatResults(results)}\n`);
    });
}
