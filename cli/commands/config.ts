// techmap config: every environment variable techmap reads, with its default and meaning (the README's table),
// or the values in force with --show.
import type { Command } from 'commander';
import { loadConfig, settings } from '../../platform/config';

export interface SettingRow {
  env: string;
  default: string;
  doc: string;
}

/** Rows for the platform settings and the crawler's settings (board settings included). */
export async function settingRows(): Promise<SettingRow[]> {
  const rows: SettingRow[] = Object.values(settings).map((s) => ({ env: s.env, default: s.default ?? '', doc: s.doc }));
  const producers = await import('../../producers/settings');
  for (const s of Object.values(producers.producerSettings)) {
    rows.push({ env: s.env, default: s.default ?? '', doc: s.doc });
  }
  for (const b of producers.boardSettingDocs()) rows.push({ env: b.env, default: '(board default)', doc: b.doc });
  return rows;
}

export function markdownTable(rows: SettingRow[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| variable | default | meaning |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| \`${r.env}\` | ${r.default ? `\`${esc(r.default)}\`` : ''} | ${esc(r.doc)} |`),
  ].join('\n');
}

export function register(program: Command): void {
  program
    .command('config')
    .description('list every setting (environment variable, default, meaning) as a Markdown table')
    .option('--show', 'print the values in force instead (secrets masked), after validating them')
    .action(async (opts: { show?: boolean }) => {
      if (opts.show) {
        const config = loadConfig();
        for (const [key, def] of Object.entries(settings)) {
          const value = config[key as keyof typeof config];
          const secret = /KEY|TOKEN|SECRET/.test(def.env) && value !== undefined;
          process.stdout.write(`${def.env}=${secret ? '****' : JSON.stringify(value ?? null)}\n`);
        }
        return;
      }
      // The repo root is replaced so the table reads the same on every machine.
      const rows = (await settingRows()).map((r) => ({ ...r, default: r.default.replace(process.cwd(), '<repo>') }));
      process.stdout.write(`${markdownTable(rows)}\n`);
    });
}
