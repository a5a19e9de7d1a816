// docker-compose.yml cannot be started here (no Docker engine), so its structure is checked: every service has an
// image or a build, infrastructure has healthchecks, depends_on names real services with valid conditions, and the
// techmap containers get exactly the variables platform/config.ts knows. Debian's docker-compose (`config`) also
// validates it against the Compose schema when it is installed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { componentNames } from '../../cli/components';
import { repoRoot, settingEnvNames } from '../../platform/config';
import { which } from '../../stack/java';

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  healthcheck?: { test?: unknown; disable?: boolean };
  depends_on?: Record<string, { condition?: string }> | string[];
  ports?: string[];
  volumes?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const composePath = path.join(repoRoot, 'docker-compose.yml');
const compose = parse(fs.readFileSync(composePath, 'utf8'), { merge: true }) as ComposeFile;
const services = Object.entries(compose.services);
const infrastructure = ['kafka', 'schema-registry', 's3', 'dynamodb', 'mysql', 'prometheus', 'grafana'];

/** Services that run the techmap image (built from ./Dockerfile). */
const techmapServices = services.filter(([, s]) => s.image === 'techmap:latest' || s.build !== undefined);

/** Components deployed by the Kubernetes manifests (`args: ['run', '<name>']`). */
function k8sComponents(): string[] {
  const dir = path.join(repoRoot, 'deploy', 'k8s');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .flatMap((f) => [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/args: \['run', '([a-z0-9-]+)'\]/g)])
    .map((m) => m[1] ?? '');
}

describe('docker-compose.yml', () => {
  it('gives every service an image or a build, and pins image versions', () => {
    for (const [name, s] of services) {
      assert.ok(s.image ?? s.build, `${name} has neither image nor build`);
      if (s.image && s.image !== 'techmap:latest') assert.match(s.image, /:[0-9v][\w.-]*$/, `${name}: pin a version`);
    }
  });

  it('has the roles of the local stack, the techmap components, Prometheus and Grafana', () => {
    assert.deepEqual(
      infrastructure.map((name) => compose.services[name]?.image?.replace(/:.*/, '')),
      [
        'apache/kafka',
        'apicurio/apicurio-registry',
        'andrewgaul/s3proxy',
        'amazon/dynamodb-local',
        'mysql',
        'prom/prometheus',
        'grafana/grafana',
      ],
    );
    assert.equal(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES, 'broker,controller', 'KRaft mode');
    assert.match(String(compose.services.mysql?.image), /^mysql:8/);
    assert.ok(compose.services.topics?.build !== undefined, 'the techmap image is built from ./Dockerfile');
    assert.deepEqual(compose.services.topics?.command, ['schemas', 'register']);
  });

  it('runs every registered component except the demo board, and only components that exist or are deployed', () => {
    const run = techmapServices
      .filter(([, s]) => s.command?.[0] === 'run')
      .map(([name, s]) => {
        assert.equal(s.command?.[1], name, `service ${name} should run the component of the same name`);
        return name;
      });
    const known = new Set([...componentNames(), ...k8sComponents()]);
    for (const name of run) assert.ok(known.has(name), `compose runs unknown component ${name}`);
    for (const name of componentNames().filter((n) => n !== 'demo-board')) {
      assert.ok(run.includes(name), `component ${name} is missing from docker-compose.yml`);
    }
  });

  it('has healthchecks on the infrastructure and on every long-running techmap service', () => {
    for (const [name, s] of services) {
      if (name === 'topics') continue; // one-shot: dependants wait for it to complete
      assert.ok(s.healthcheck?.test && !s.healthcheck.disable, `${name} has no healthcheck`);
    }
  });

  it('uses depends_on conditions that name defined services and valid states', () => {
    const valid = new Set(['service_healthy', 'service_completed_successfully', 'service_started']);
    for (const [name, s] of services) {
      if (!s.depends_on) continue;
      assert.ok(!Array.isArray(s.depends_on), `${name}: depends_on needs conditions, not a list`);
      for (const [dep, cond] of Object.entries(s.depends_on)) {
        assert.ok(compose.services[dep], `${name} depends on undefined service ${dep}`);
        assert.ok(cond.condition && valid.has(cond.condition), `${name} → ${dep}: bad condition ${cond.condition}`);
        if (dep !== 'topics')
          assert.ok(compose.services[dep]?.healthcheck, `${name} waits for ${dep} without healthcheck`);
      }
    }
    for (const [name] of techmapServices.filter(([n]) => n !== 'topics')) {
      const deps = compose.services[name]?.depends_on as Record<string, { condition?: string }>;
      assert.equal(deps.kafka?.condition, 'service_healthy', `${name} must wait for a healthy Kafka`);
      assert.equal(deps.topics?.condition, 'service_completed_successfully', `${name} must wait for the topics`);
    }
  });

  it('gives techmap containers only variables that platform/config.ts knows, and the endpoints it needs', () => {
    const known = new Set(settingEnvNames);
    const required = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'S3_ENDPOINT', 'DYNAMODB_ENDPOINT', 'MYSQL_URL'];
    assert.ok(techmapServices.length >= 2);
    for (const [name, s] of techmapServices) {
      const vars = Object.keys(s.environment ?? {});
      assert.deepEqual(
        vars.filter((v) => !known.has(v)),
        [],
        `${name} sets variables platform/config.ts does not know`,
      );
      for (const v of required) assert.ok(vars.includes(v), `${name} lacks ${v}`);
      assert.match(String(s.environment?.KAFKA_BROKERS), /^kafka:\d+$/);
    }
  });

  it('declares every named volume it mounts, and ships the files it mounts', () => {
    for (const [name, s] of services) {
      for (const v of s.volumes ?? []) {
        const source = v.split(':')[0] ?? '';
        if (source.startsWith('./'))
          assert.ok(fs.existsSync(path.join(repoRoot, source)), `${name} mounts missing ${source}`);
        else assert.ok(compose.volumes && source in compose.volumes, `${name} mounts undeclared volume ${source}`);
      }
    }
    assert.ok(fs.existsSync(path.join(repoRoot, 'Dockerfile')));
  });

  it("passes Debian's docker-compose `config` validation", function () {
    const bin = which('docker-compose');
    if (!bin) this.skip(); // apt-get install -y docker-compose enables this check
    const res = spawnSync(bin as string, ['-f', composePath, 'config', '-q'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(res.status, 0, res.stderr);
  });
});
