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

  it('has anchored patterns that compile and phrases that are classified as their own section', () => {
    for (const name of sectionNames) {
      for (const p of [...data.sections[name].patterns, ...data.sections[name].compactPatterns]) {
        assert.doesNotThrow(() => new RegExp(p, 'u'), p);
        assert.ok(p.startsWith('^') && p.endsWith('$') && !/\\\d/.test(p), `${p}: anchored, no back-references`);
      }
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

  it("recognises the boards' bracketed and decorated Korean phrasings", () => {
    const cases: Array<[string, string]> = [
      ['[합류하시면 함께 할 업무예요]', 'responsibilities'],
      ['[합류 후 담당 업무 입니다]', 'responsibilities'],
      ['[합류 직후 이런 일을 해요]', 'responsibilities'],
      ['와탭 빌링 시스템 개발자는 이런 업무를 합니다.', 'responsibilities'],
      ['＜주요 업무 ＞', 'responsibilities'],
      ['【주요업무】', 'responsibilities'],
      ['[이런 분과 함께하고 싶어요]', 'requirements'],
      ['[이런 분을 찾고 있습니다!]', 'requirements'],
      ['[아래 경험을 보유하신 분들을 모십니다.]', 'requirements'],
      ['가장 찾고 싶은 팀원은 이런 분이에요', 'requirements'],
      ['■ 자격요건', 'requirements'],
      ['[기술스택(필수)]', 'requirements'],
      ['[이런 분이면 더 좋아요]', 'preferred'],
      ['[이런 분이면 더 환영합니다!]', 'preferred'],
      ['[아래 경험과 성향을 보유하신 분이라면 더욱 좋습니다.]', 'preferred'],
      ['아래 항목 중 둘 이상 충족되는 분을 우대하고 있습니다.', 'preferred'],
      ['<우대사항>', 'preferred'],
      ['✅ 이런 경험이 있다면 더 좋아요', 'preferred'],
      ['[기술스택(우대)]', 'preferred'],
      ['📌 혜택 및 복지', 'benefits'],
      ['[당근의 복지]', 'benefits'],
      ['이런 혜택을 드려요', 'benefits'],
      ['[기술 스택 & 사용 툴]', 'other'],
      ['[인아웃에서 사용하는 기술]', 'other'],
      ['[지원 시 유의 사항]', 'other'],
      ['[인아웃 백엔드팀 소개]', 'intro'],
      ['[Dev팀은 어떤 팀인가요?]', 'intro'],
    ];
    for (const [line, section] of cases) assert.equal(classifyHeading(line), section, line);
  });

  it('leaves ordinary lines and bullets that use heading words as text', () => {
    const lines = [
      '- 검색 쿼리 최적화 및 성능 개선을 담당해요',
      '다나와 검색에 관련된 전반적인 업무를 담당해요',
      '디자인 시스템을 적용해 본 경험이 있는 분이면 좋아요.',
      '- Kafka 운영 경험이 있으시면 더 좋아요',
      '- 자격증 보유자 우대',
      '- 우대사항일 뿐 필수 능력이 아닙니다.',
      '- 다양한 복지 제도를 운영하고 있으며 매년 개선합니다',
      '- 사내 기술 블로그에 글을 쓰고 발표합니다',
      '- Spring Boot 기반 업무 시스템 개발',
      '(Smart Healthcare 대시보드 개발)',
      '- Nice to have a sense of humour when on call',
      'Bonus points are paid quarterly',
    ];
    for (const line of lines) assert.equal(classifyHeading(line), null, line);
  });

  it('routes an inline-labelled bullet alone and lets its list continue', () => {
    assert.deepEqual(sectionBlocks('[자격요건]\n- Go 3년 이상\n- 우대 기술: Rust\n- Kafka 운영 경험'), [
      { section: 'requirements', heading: '[자격요건]', text: '- Go 3년 이상' },
      { section: 'preferred', heading: null, text: '- 우대 기술: Rust' },
      { section: 'requirements', heading: null, text: '- Kafka 운영 경험' },
    ]);
  });

  it('splits a Wanted description written with bracketed phrasings', () => {
    const text = [
      '[Dev팀은 어떤 팀인가요?]',
      '거래소 API를 만듭니다.',
      '[합류하시면 함께 할 업무예요]',
      '- 매칭엔진 개발',
      '[기술 스택]',
      '- Java, Go',
      '[이런 분을 찾고 있습니다!]',
      '• Kotlin 경험 5년 이상',
      '[이런 분이면 더 환영합니다!]',
      '• Kubernetes 운영 경험',
    ].join('\n');
    assert.deepEqual(splitSections(text), {
      intro: '거래소 API를 만듭니다.',
      responsibilities: '- 매칭엔진 개발',
      requirements: '- Kotlin 경험 5년 이상',
      preferred: '- Kubernetes 운영 경험',
      benefits: '',
      other: '- Java, Go',
    });
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
      ["What We're Looking For In You", 'requirements'],
      ['Pre-Requisites', 'requirements'],
      ['Minimum Qualifications & Experience', 'requirements'],
      ['Bonus points if you have', 'preferred'],
      ['Desirable Skills', 'preferred'],
      ["It's a plus if", 'preferred'],
      ['**Nice to haves**', 'preferred'],
      ['Why join Acme', 'benefits'],
      ['Perks at Acme', 'benefits'],
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
