// The provisioned Grafana dashboard (deploy/grafana) only queries metrics the components really register: the
// metric names are parsed out of every panel's PromQL and looked up in the live prom-client registry after
// loading every component's modules (what `techmap run <name>` serves on /metrics).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../../platform/config';

interface Panel {
  type: string;
  title: string;
  targets?: Array<{ expr: string; datasource?: { uid?: string } }>;
  panels?: Panel[];
}

const grafanaDir = path.join(repoRoot, 'deploy', 'grafana');
const dashboardFile = path.join(grafanaDir, 'dashboards', 'techmap-pipeline.json');

/** Metric names in a PromQL expression: identifiers that are not functions, keywords, labels or strings. */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // range selectors
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ''); // grouping label lists
  const keywords = new Set(['by', 'without', 'on', 'ignoring', 'bool', 'and', 'or', 'unless', 'offset']);
  return [...stripped.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\()?/g)]
    .filter((m) => m[2] === undefined && !keywords.has(m[1]!))
    .map((m) => m[1]!);
}

/** Every series name the registry exposes (histograms as _bucket, _sum and _count). */
async function registeredSeries(): Promise<Set<string>> {
  // The modules each component loads; their metrics register on import. Imported the same way as the registry
  // (dynamically), so that both are the same module instance whether mocha loads this file as CJS or ESM.
  const { metricsRegistry } = await import('../../platform/metrics');
  await import('../../producers/index');
  await import('../../processors/refine/index');
  await import('../../processors/index');
  await import('../../sinks/index');
  await import('../../gateway/index');
  const names = new Set<string>();
  for (const m of await metricsRegistry.getMetricsAsJSON()) {
    if (String(m.type) === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(m.name + s);
    else names.add(m.name);
  }
  return names;
}

describe('Grafana dashboard (deploy/grafana)', () => {
  const dashboard = JSON.parse(fs.readFileSync(dashboardFile, 'utf8')) as { uid: string; panels: Panel[] };
  const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row');
  const exprs = panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

  it('parses metric names out of PromQL', () => {
    assert.deepEqual(
      metricNames(
        'histogram_quantile(0.99, sum by (le, stage) (rate(techmap_stage_batch_seconds_bucket{stage=~"re.*"}[5m])))',
      ),
      ['techmap_stage_batch_seconds_bucket'],
    );
    assert.deepEqual(metricNames('sum(a_total) / ignoring(x) b + max(c{l="sum(d)"})'), ['a_total', 'b', 'c']);
  });

  it('queries only metric names the components register', async function () {
    this.timeout(120_000); // loads every component's modules
    const registered = await registeredSeries();
    assert.ok(registered.has('techmap_stage_records_in_total'), 'the component modules were loaded');
    const unknown = exprs.flatMap(({ panel, expr }) =>
      metricNames(expr)
        .filter((n) => !registered.has(n))
        .map((n) => `${panel}: ${n}`),
    );
    assert.deepEqual(unknown, []);
  });

  it('covers every part of the pipeline, each panel with a query on the provisioned data source', () => {
    const used = new Set(exprs.flatMap((e) => metricNames(e.expr)));
    for (const name of [
      'techmap_stage_records_in_total',
      'techmap_stage_records_out_total',
      'techmap_stage_retries_total',
      'techmap_stage_dead_letters_total',
      'techmap_sink_dead_letters_total',
      'techmap_stage_lag',
      'techmap_sink_consumer_lag',
      'techmap_stage_batch_seconds_bucket',
      'techmap_llm_calls_total',
      'techmap_llm_tokens_total',
      'techmap_crawl_requests_total',
      'techmap_sink_records_total',
      'techmap_gateway_http_requests_total',
      'techmap_gateway_http_request_duration_seconds_bucket',
    ]) {
      assert.ok(used.has(name), `no panel shows ${name}`);
    }
    const datasource = parse(
      fs.readFileSync(path.join(grafanaDir, 'provisioning', 'datasources', 'prometheus.yml'), 'utf8'),
    ) as { datasources: Array<{ uid: string }> };
    for (const p of panels) {
      assert.ok((p.targets ?? []).length > 0, `${p.title} has no query`);
      for (const t of p.targets!) assert.equal(t.datasource?.uid, datasource.datasources[0]!.uid, p.title);
    }
  });

  it('is loaded by the provisioning provider from the folder docker-compose.yml mounts', () => {
    const provider = parse(
      fs.readFileSync(path.join(grafanaDir, 'provisioning', 'dashboards', 'techmap.yaml'), 'utf8'),
    ) as { providers: Array<{ type: string; options: { path: string } }> };
    const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8')) as {
      services: { grafana: { volumes: string[]; environment: Record<string, string> } };
    };
    const mounted = compose.services.grafana.volumes.find((v) => v.startsWith('./deploy/grafana/dashboards:'));
    assert.equal(mounted?.split(':')[1], provider.providers[0]!.options.path);
    assert.equal(
      compose.services.grafana.environment.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH,
      `${provider.providers[0]!.options.path}/${path.basename(dashboardFile)}`,
    );
  });
});
