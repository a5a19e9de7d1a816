import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, sectionHeadingsSchema, sectionNames } from '../../../processors/refine/data';
import { classifyHeading, headingKey, splitSections, sectionBlocks } from '../../../processors/refine/sections';

describe('refine section headings (data file)', () => {
  const data = sectionHeadingsSchema.parse(
    JSON.parse(fs.readFileSync(path.join(dataDir, 'section-headings.json'), 'utf8')),
  );

  it('lists every silver section and no phrase twice (across sections too)', () => {
    assert.deepEqual(Object.keys(data.sections).sort(), [...sectionNames].sort());
    const seen = new Map<string, string>();
    for (const name of sectionNames) {
      for (const phrase of data.sections[name].phrases) {
        const key = headingKey(phrase);
        assert.ok(!seen.has(key), `'${phrase}' in ${name} is already listed under ${seen.get(key)}`);
        seen.set(key, name);
      }
    }
  });

  it('has patterns that compile and phrases that are classified as their own section', () => {
    for (const name of sectionNames) {
      for (const p of data.sections[name].patterns) assert.doesNotThrow(() => new RegExp(p, 'u'), p);
      for (const phrase of data.sections[name].phrases) assert.equal(classifyHeading(phrase), name, phrase);
    }
  });
});

describe('refine splitSections', () => {
  it('recognises decorated Korean headings', () => {
    const cases: Array<[string, string | null]> = [
      ['[주요업무]', 'responsibilities'],
      ['■ 담당 업무', 'responsibilities'],
      ['✔️ 이런 일을 해요', 'responsibilities'],
      ['<자격요건>', 'requirements'],
      ['1. 지원자격', 'requirements'],
      ['필수 역량 :', 'requirements'],
      ['💡 이런 분이면 더 좋아요', 'preferred'],
      ['우대사항', 'preferred'],
      ['【혜택 및 복지】', 'benefits'],
      ['복지', 'benefits'],
      ['채용절차', 'other'],
      ['주요업무를 담당하실 분을 찾습니다', null],
    ];
    for (const [line, section] of cases) assert.equal(classifyHeading(line), section, line);
  });

  it('recognises English headings, curly apostrophes included', () => {
    const cases: Array<[string, string | null]> = [
      ['Responsibilities', 'responsibilities'],
      ['What You’ll Do', 'responsibilities'],
      ["What you'll be doing:", 'responsibilities'],
      ['Requirements', 'requirements'],
      ['Qualifications', 'requirements'],
      ["WHAT WE'RE LOOKING FOR", 'requirements'],
      ['Nice to have', 'preferred'],
      ['Bonus points', 'preferred'],
      ['Preferred Qualifications', 'preferred'],
      ['Benefits', 'benefits'],
      ['Perks & Benefits', 'benefits'],
      ['About Acme', 'intro'],
      ['Requirements gathering with stakeholders across the company', null],
    ];
    for (const [line, section] of cases) assert.equal(classifyHeading(line), section, line);
  });

  it('splits a Korean description exactly', () => {
    const text = [
      '스트림웍스는 실시간 데이터 플랫폼을 만듭니다.',
      '[주요업무]',
      '• 데이터 파이프라인 운영',
      '[자격요건]',
      '• 경력 3년 이상',
      '[우대사항]',
      '• Kafka 경험',
      '[혜택 및 복지]',
      '• 식대 지원',
      '[채용절차]',
      '서류 > 면접',
    ].join('\n');
    assert.deepEqual(splitSections(text), {
      intro: '스트림웍스는 실시간 데이터 플랫폼을 만듭니다.',
      responsibilities: '- 데이터 파이프라인 운영',
      requirements: '- 경력 3년 이상',
      preferred: '- Kafka 경험',
      benefits: '- 식대 지원',
      other: '서류 > 면접',
    });
  });

  it('splits an English HTML description exactly, joining repeated sections', () => {
    const html =
      '<p>Acme builds robots.</p><h3>What you&#39;ll do</h3><ul><li>Write Go</li></ul>' +
      '<h3>Requirements</h3><ul><li>3+ years of Go</li></ul><p><strong>Nice to have</strong></p><ul><li>Rust</li></ul>' +
      '<h3>Responsibilities</h3><ul><li>On-call</li></ul><h3>Perks</h3><p>Lunch</p><h3>Hiring process</h3><p>Two calls</p>';
    assert.deepEqual(splitSections(html), {
      intro: 'Acme builds robots.',
      responsibilities: '- Write Go\n- On-call',
      requirements: '- 3+ years of Go',
      preferred: '- Rust',
      benefits: 'Lunch',
      other: 'Two calls',
    });
  });

  it('routes "Heading: text" lines and keeps them as text', () => {
    assert.deepEqual(
      splitSections('Requirements: 3+ years of Go\nNice to have: Rust', { initial: 'responsibilities' }),
      {
        intro: '',
        responsibilities: '',
        requirements: 'Requirements: 3+ years of Go',
        preferred: 'Nice to have: Rust',
        benefits: '',
        other: '',
      },
    );
  });

  it('starts in the given section and reports blocks with their headings', () => {
    assert.deepEqual(sectionBlocks('- Go\n우대사항\n- Rust', { initial: 'requirements' }), [
      { section: 'requirements', heading: null, text: '- Go' },
      { section: 'preferred', heading: '우대사항', text: '- Rust' },
    ]);
  });
});
