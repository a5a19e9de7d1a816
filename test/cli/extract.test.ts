// techmap extract: JSON Lines in, one JSON line out per posting; malformed lines are reported by line number.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { repoRoot } from '../../platform/config';
import { parseExtractLine, runExtract } from '../../cli/commands/extract';

function collect(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const posting = {
  id: 'p1',
  title: '시니어 백엔드 개발자 (Go)',
  text: '[주요업무]\n- Go로 결제 API 개발\n[자격요건]\n- 리액트와 타입스크립트 경험\n- 경력 5년 이상\n[우대사항]\n- 쿠버네티스 경험',
};

describe('techmap extract', () => {
  it('writes skills, job field and seniority for each posting', async () => {
    const out = collect();
    const err = collect();
    const stats = await runExtract(Readable.from([`${JSON.stringify(posting)}\n`]), out.stream, err.stream);
    assert.deepEqual(stats, { ok: 1, failed: 0 });
    assert.equal(err.text(), '');
    const lines = out.text().trim().split('\n');
    assert.equal(lines.length, 1);
    const record = JSON.parse(lines[0]!) as Record<string, unknown> & { skills: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(record), ['id', 'skills', 'jobField', 'seniority', 'unknownTerms', 'taxonomyVersion']);
    assert.equal(record.id, 'p1');
    assert.deepEqual(record.jobField, {
      id: 'backend',
      name: 'Backend',
      nameKo: '백엔드',
      confidence: 0.9,
      method: 'RULES',
    });
    assert.equal(record.seniority, 'SENIOR');
    assert.deepEqual(
      record.skills.map((s) => `${String(s.id)}:${String(s.requirement)}${s.implied ? ':implied' : ''}`),
      ['go:REQUIRED', 'react:REQUIRED', 'typescript:REQUIRED', 'javascript:REQUIRED:implied', 'kubernetes:PREFERRED'],
    );
    assert.deepEqual(record.skills[1], {
      id: 'react',
      name: 'React',
      category: 'framework',
      requirement: 'REQUIRED',
      methods: ['RULES'],
      implied: false,
      evidence: [{ section: 'requirements', start: 2, end: 5, text: '리액트' }],
    });
  });

  it('reports malformed lines with their number, keeps going, and counts them', async () => {
    const out = collect();
    const err = collect();
    const input = [
      JSON.stringify(posting),
      'not json',
      '',
      JSON.stringify({ id: 2, title: 'Frontend Engineer', text: 'React' }),
      JSON.stringify({ id: 3, title: 'x' }),
      '[1,2]',
    ].join('\n');
    const stats = await runExtract(Readable.from([input]), out.stream, err.stream);
    assert.deepEqual(stats, { ok: 2, failed: 3 });
    assert.deepEqual(
      out
        .text()
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
      ['p1', '2'],
    );
    assert.deepEqual(err.text().split('\n').filter(Boolean), [
      `techmap extract: line 2: not valid JSON (Unexpected token 'o', "not json" is not valid JSON)`,
      'techmap extract: line 5: "text" must be a string',
      'techmap extract: line 6: expected a JSON object',
    ]);
  });

  it('validates the optional board fields', () => {
    assert.equal(
      parseExtractLine('{"id":"a","title":"t","text":"x","boardTags":"React"}'),
      '"boardTags" must be an array of strings',
    );
    assert.deepEqual(parseExtractLine('{"id":7,"title":"t","text":"x","boardTags":["React"]}'), {
      id: '7',
      title: 't',
      text: 'x',
      boardTags: ['React'],
      boardCategories: undefined,
    });
  });

  it('runs as a command: output on stdout, errors on stderr, exit code 1 when a line failed', function () {
    this.timeout(60000);
    const bin = path.join(repoRoot, 'bin', 'techmap.js');
    const run = spawnSync(process.execPath, [bin, 'extract'], {
      input: `${JSON.stringify(posting)}\n{oops\n`,
      encoding: 'utf8',
    });
    assert.equal(run.status, 1);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.equal((JSON.parse(lines[0]!) as { id: string }).id, 'p1');
    assert.match(run.stderr, /^techmap extract: line 2: not valid JSON/m);
    assert.match(run.stderr, /^techmap extract: 1 line\(s\) failed, 1 extracted$/m);
  });
});
