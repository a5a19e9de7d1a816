// The evaluation harness on small sets written here in the real formats (SkillSpan docs, Korean text × tags pairs,
// English text × tags): gold building, the figures, and the job-field scoring.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTaxonomy } from '../../../taxonomy';
import { loadEvalSets } from '../../../processors/enrich/eval/datasets';
import { bestAmong, createMentionCheck, prf, runEval } from '../../../processors/enrich/eval/run';

function writeLines(file: string, rows: unknown[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
}

describe('techmap eval harness', () => {
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techmap-eval-'));
    writeLines(path.join(dir, 'skillspan', 'skillspan_test_docs.jsonl'), [
      {
        source: 'tech',
        idx: 1,
        sentences: [
          'Backend Engineer ( Go Kafka )',
          'Technologies',
          'java docker',
          'You will build services in Java on AWS .',
          'We value communication .',
        ],
        knowledge_spans: ['java', 'docker', 'Java', 'AWS environment', 'English'],
        skill_spans: ['communication'],
      },
      { source: 'house', idx: 1, sentences: ['Nurse', 'Python'], knowledge_spans: [], skill_spans: [] },
    ]);
    writeLines(path.join(dir, 'kr-techstack', 'pairs.dev.jsonl'), [
      {
        wanted_position: '백엔드 개발자',
        wanted_field_page: 'backend',
        wanted_text: '- 자바와 스프링부트 경험\n- 인터뷰 진행',
        tags: ['Java', 'Spring Boot', 'Vue.js', 'Unknown Stack'],
        tag_position: '백엔드 개발자',
        tag_field_page: 'backend',
        title_similarity: 1.0,
      },
      {
        wanted_position: '웹 개발자',
        wanted_field_page: 'frontend',
        wanted_text: 'React, Redux, Go to market',
        tags: ['React', 'Go'],
        tag_position: '웹 개발자',
        tag_field_page: 'frontend',
        title_similarity: 0.8,
      },
    ]);
    writeLines(path.join(dir, 'en-tags', 'postings.jsonl'), [
      { title: 'Data Engineer', text: 'We use Spark and Airflow.', tags: ['Apache Spark', 'Airflow', 'dbt'] },
    ]);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the sets and keeps only TECH SkillSpan postings, title apart', () => {
    const sets = loadEvalSets(dir);
    assert.deepEqual(
      sets.spanSets.map((s) => [s.name, s.docs.map((d) => [d.id, d.title])]),
      [['skillspan-test', [['tech:1', 'Backend Engineer ( Go Kafka )']]]],
    );
    assert.deepEqual(
      sets.tagSets.map((s) => [s.name, s.language, s.docs.length]),
      [
        ['en-tags/postings', 'en', 1],
        ['kr-techstack/pairs.dev', 'ko', 2],
      ],
    );
  });

  it('scores spans, tags and job fields with the documented gold', () => {
    const r = runEval(dir);
    // Gold from spans: java, docker, aws (from 'AWS environment'); 'English' names no technology. Predicted outside
    // the title: java, docker, aws. Go and Kafka are only in the (unlabelled) title line.
    assert.deepEqual(
      r.spanSets.map((s) => [s.name, s.docs, s.prf.tp, s.prf.fp, s.prf.fn, s.spansMapped, s.spansTotal]),
      [['skillspan-test', 1, 3, 0, 0, 4, 5]],
    );
    assert.deepEqual(r.spanSets[0]!.unmappedSpans, [['english', 1]]);
    const kr = r.tagSets.find((s) => s.name === 'kr-techstack/pairs.dev')!;
    // Gold = mapped tags written in the text: java, spring-boot (pair 1; Vue.js is not written, '뷰' in 인터뷰 is no
    // mention), react, go (pair 2: the plain check sees 'Go'). Found: java, spring-boot, react; 'Go to market' is not Go.
    // Predicted: java, spring, spring-boot, react, redux; of these java, spring-boot and react are tagged.
    assert.deepEqual([kr.all.gold, kr.all.found, kr.all.predicted, kr.all.predictedInTags], [4, 3, 5, 3]);
    assert.deepEqual([kr.sameTitle!.docs, kr.sameTitle!.gold, kr.sameTitle!.found], [1, 2, 2]);
    assert.deepEqual([kr.tagsMapped, kr.tagsTotal], [5, 6]);
    assert.deepEqual(kr.missed, [['go', 1]]);
    const en = r.tagSets.find((s) => s.name === 'en-tags/postings')!;
    assert.deepEqual([en.all.gold, en.all.found], [2, 2]);
    assert.deepEqual(
      r.jobFields.map((f) => [f.name, f.total, f.correct, f.correctAmongLabels]),
      [
        ['kr-techstack/pairs.dev (text: title + extracted skills)', 2, 2, 2],
        ['kr-techstack/pairs.dev (tag side: title + board tags)', 2, 2, 2],
        ['all job-field samples', 4, 4, 4],
      ],
    );
  });

  it('computes P/R/F1 and the label-set choice', () => {
    assert.deepEqual(prf(8, 2, 2), { tp: 8, fp: 2, fn: 2, precision: 0.8, recall: 0.8, f1: 0.8000000000000002 });
    assert.deepEqual(prf(0, 0, 0), { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 });
    const labels = new Set(['backend', 'frontend']);
    assert.equal(
      bestAmong(
        [
          { id: 'devops', score: 5 },
          { id: 'frontend', score: 1 },
        ],
        labels,
      ),
      'frontend',
    );
    assert.equal(
      bestAmong(
        [
          { id: 'fullstack', score: 4 },
          { id: 'backend', score: 0.5 },
        ],
        labels,
      ),
      'backend',
    );
    assert.equal(bestAmong([{ id: 'devops', score: 5 }], labels), null);
  });

  it('checks mentions plainly: whole words, Korean not inside a longer Hangul word', () => {
    const t = loadTaxonomy();
    const m = createMentionCheck();
    assert.equal(m(t.byId.get('java')!, 'Java 11'), true);
    assert.equal(m(t.byId.get('java')!, 'JavaScript only'), false);
    assert.equal(m(t.byId.get('javascript')!, 'Node.js'), false);
    assert.equal(m(t.byId.get('vue')!, '인터뷰'), false);
    assert.equal(m(t.byId.get('react')!, '리액트를'), true);
  });
});
