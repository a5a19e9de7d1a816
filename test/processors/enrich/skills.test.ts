// Skill extraction: exact mentions, evidence offsets, required vs preferred, Korean particles, ambiguous names,
// board tags, implied skills and unknown terms; then properties that hold for any posting.
import assert from 'node:assert/strict';
import { loadTaxonomy } from '../../../taxonomy';
import { syntheticPosting } from '../../../bench/extraction';
import {
  createSkillExtractor,
  extractSkills,
  sectionNames,
  type ExtractInput,
  type SkillMention,
} from '../../../processors/enrich/skills';

const run = (input: Partial<ExtractInput> & { sections?: ExtractInput['sections'] }) =>
  extractSkills({ title: input.title ?? '', sections: input.sections ?? {}, boardTags: input.boardTags });
/** Mentioned (not implied) skill ids of one text put in `requirements`. */
const ids = (text: string) =>
  run({ sections: { requirements: text } })
    .skills.filter((s) => !s.implied)
    .map((s) => s.id)
    .sort();
const brief = (s: SkillMention) => `${s.id}:${s.requirement}${s.implied ? ':implied' : ''}`;

describe('extractSkills', () => {
  it('finds Korean names with particles, with exact evidence offsets', () => {
    const r = run({ sections: { requirements: '리액트와 타입스크립트 경험' } });
    assert.deepEqual(r.skills, [
      {
        id: 'react',
        name: 'React',
        category: 'framework',
        requirement: 'REQUIRED',
        methods: ['RULES'],
        implied: false,
        evidence: [{ section: 'requirements', start: 0, end: 3, text: '리액트' }],
      },
      {
        id: 'typescript',
        name: 'TypeScript',
        category: 'language',
        requirement: 'REQUIRED',
        methods: ['RULES'],
        implied: false,
        evidence: [{ section: 'requirements', start: 5, end: 11, text: '타입스크립트' }],
      },
      {
        id: 'javascript',
        name: 'JavaScript',
        category: 'language',
        requirement: 'REQUIRED',
        methods: ['RULES'],
        implied: true,
        evidence: [],
      },
    ]);
    assert.deepEqual(r.unknownTerms, []);
  });

  it('reads particles and glued nouns but never a name inside another word', () => {
    assert.deepEqual(ids('파이썬과 장고, 자바로 개발, 스프링부트를 사용, 도커환경, 쿠버네티스에서의 운영'), [
      'django',
      'docker',
      'java',
      'kubernetes',
      'python',
      'spring',
      'spring-boot',
    ]);
    assert.deepEqual(ids('자바스크립트 개발자'), ['javascript']);
    assert.deepEqual(ids('인터뷰를 진행하며 코드 리뷰 문화가 있습니다. 리뷰어와 인터뷰어'), []);
    assert.deepEqual(ids('깃발을 들고'), []);
  });

  it("takes '뷰' as Vue only next to other frontend names", () => {
    assert.deepEqual(ids('리액트, 뷰 경험'), ['react', 'vue']);
    assert.deepEqual(ids('Vue.js를 사용합니다'), ['vue']);
    assert.deepEqual(ids('커스텀 뷰를 구현한 경험'), []);
  });

  it('handles Go: golang, lists and Korean usage yes; go to market, on the go no', () => {
    assert.deepEqual(ids('golang'), ['go']);
    assert.deepEqual(ids('Java, Go, Python'), ['go', 'java', 'python']);
    assert.deepEqual(ids('Go로 개발한 경험'), ['go']);
    assert.deepEqual(ids('Go 언어 경험'), ['go']);
    assert.deepEqual(ids('Go to market with the team. Work on the go. We go live soon.'), []);
    assert.deepEqual(ids('Go beyond what is expected'), []);
  });

  it('tells C from C++, C#, Objective-C and C-level, R from R&D', () => {
    assert.deepEqual(ids('C/C++, C#, Objective-C'), ['c', 'cpp', 'csharp', 'objective-c']);
    assert.deepEqual(ids('Report to the C-level team. Series C startup'), []);
    assert.deepEqual(ids('R&D 부서에서 R&D 업무'), []);
    assert.deepEqual(ids('R을 이용한 통계 분석, Python, R'), ['python', 'r', 'statistics']);
  });

  it('tells Java from JavaScript and Git from GitHub', () => {
    assert.deepEqual(ids('Java and JavaScript'), ['java', 'javascript']);
    assert.deepEqual(ids('GitHub Actions and GitLab'), ['github', 'github-actions', 'gitlab']);
  });

  it('needs context for common words: Swift, Spring, Express, Excel, Rust', () => {
    assert.deepEqual(ids('a swift response and a spring festival'), []);
    assert.deepEqual(ids('Swift, Kotlin'), ['kotlin', 'swift']);
    assert.deepEqual(ids('Spring Boot, JPA'), ['jpa', 'spring', 'spring-boot']);
    assert.deepEqual(ids('express interest in the role'), []);
    assert.deepEqual(ids('Node.js와 Express로 API 개발'), ['express', 'node-js']);
    assert.deepEqual(ids('you will excel in a fast-paced team'), []);
    assert.deepEqual(ids('Excel, PowerPoint'), ['excel', 'powerpoint']);
  });

  it('decides required vs preferred by section, title and intro are mentions', () => {
    const r = run({
      title: 'Kotlin Developer',
      sections: {
        intro: 'We use Kafka.',
        responsibilities: 'Build Kafka consumers',
        preferred: 'Kafka, Redis',
        benefits: 'MacBook',
      },
    });
    assert.deepEqual(r.skills.map(brief), ['kafka:REQUIRED', 'redis:PREFERRED', 'kotlin:MENTIONED']);
    assert.deepEqual(
      r.skills[0]!.evidence.map((e) => e.section),
      ['intro', 'responsibilities', 'preferred'],
    );
  });

  it('names the vendor when the service says it (AWS Lambda => AWS) and implies the rest', () => {
    const r = run({ sections: { requirements: 'AWS Lambda, Amazon EC2' } });
    assert.deepEqual(r.skills.map(brief), [
      'aws:REQUIRED',
      'aws-ec2:REQUIRED',
      'aws-lambda:REQUIRED',
      'serverless:REQUIRED:implied',
    ]);
    assert.deepEqual(r.skills[0]!.evidence, [{ section: 'requirements', start: 0, end: 3, text: 'AWS' }]);
  });

  it('merges board tags through the same aliases and keeps unknown tags', () => {
    const r = run({
      sections: { requirements: 'Spring Boot 경험' },
      boardTags: ['Spring Boot', 'K8S', 'Amazon EC2', 'CSS 3', 'Foo Framework'],
    });
    assert.deepEqual(
      r.skills.map((s) => `${brief(s)}:${s.methods.join('+')}`),
      [
        'spring:REQUIRED:RULES',
        'spring-boot:REQUIRED:RULES+BOARD_TAG',
        'java:REQUIRED:implied:RULES',
        'aws-ec2:MENTIONED:BOARD_TAG',
        'css:MENTIONED:BOARD_TAG',
        'kubernetes:MENTIONED:BOARD_TAG',
        'aws:MENTIONED:implied:RULES',
      ],
    );
    assert.deepEqual(r.skills.find((s) => s.id === 'kubernetes')!.evidence, [
      { section: 'boardTags', start: 0, end: 3, text: 'K8S' },
    ]);
    assert.deepEqual(r.unknownTerms, ['Foo Framework']);
  });

  it('collects tech-looking unknown terms: CamelCase, dotted names, list neighbours', () => {
    const r = run({
      sections: { requirements: 'Java, Spring, Zorblax, MySQL\n- FooBarDB and zapp.js\n- Great communication' },
    });
    assert.deepEqual(r.unknownTerms, ['Zorblax', 'FooBarDB', 'zapp.js']);
  });
});

describe('extractSkills properties', () => {
  const taxonomy = loadTaxonomy();
  const postings = Array.from({ length: 60 }, (_, i) => syntheticPosting(taxonomy.technologies, 1000 + i));

  it('evidence points at the text it quotes, in the section it names', () => {
    for (const p of postings) {
      for (const s of extractSkills(p).skills) {
        for (const e of s.evidence) {
          const text = e.section === 'title' ? p.title : e.section === 'boardTags' ? e.text : p.sections[e.section]!;
          if (e.section !== 'boardTags') assert.equal(text.slice(e.start, e.end), e.text);
          assert.ok(e.start >= 0 && e.end > e.start);
        }
      }
    }
  });

  it('returns known ids, implied ones without evidence, each id once, and the same answer twice', () => {
    for (const p of postings) {
      const a = extractSkills(p);
      assert.deepEqual(extractSkills(p), a);
      const seen = new Set<string>();
      for (const s of a.skills) {
        assert.ok(taxonomy.byId.has(s.id));
        assert.equal(taxonomy.byId.get(s.id)!.name, s.name);
        assert.ok(!seen.has(s.id));
        seen.add(s.id);
        assert.equal(s.implied, s.evidence.length === 0);
        assert.ok(s.methods.length > 0);
      }
    }
  });

  it('answers a posting the same whatever the extractor did before (no state carried between calls)', function () {
    this.timeout(30_000); // compiles two dictionaries
    const reused = createSkillExtractor(taxonomy);
    const forward = postings.map((p) => reused.extract(p));
    const backward = [...postings].reverse().map((p) => reused.extract(p, { ambiguity: false }));
    backward.reverse();
    const fresh = createSkillExtractor(taxonomy);
    for (const [i, p] of postings.entries()) {
      assert.deepEqual(reused.extract(p), forward[i]);
      assert.deepEqual(fresh.extract(p, { ambiguity: false }), backward[i]);
    }
  });

  it('orders skills REQUIRED, PREFERRED, MENTIONED, mentioned before implied, then by id', () => {
    const rank = { REQUIRED: 0, PREFERRED: 1, MENTIONED: 2 };
    for (const p of postings) {
      const skills = extractSkills(p).skills;
      for (let i = 1; i < skills.length; i++) {
        const a = skills[i - 1]!;
        const b = skills[i]!;
        const order =
          rank[a.requirement] - rank[b.requirement] || Number(a.implied) - Number(b.implied) || (a.id < b.id ? -1 : 1);
        assert.ok(order < 0, `${brief(a)} before ${brief(b)}`);
      }
    }
  });

  it('finds every technology by its own name written in a plain list', () => {
    // Names written with a list neighbour on both sides satisfy even the guarded ones.
    const missed: string[] = [];
    for (const t of taxonomy.technologies) {
      const r = run({ sections: { requirements: `Java, ${t.name}, Python` } });
      if (!r.skills.some((s) => s.id === t.id && !s.implied)) missed.push(`${t.id} (${t.name})`);
    }
    assert.deepEqual(missed, []);
  });

  it('keeps an empty posting empty', () => {
    const r = run({ sections: Object.fromEntries(sectionNames.map((n) => [n, ''])) });
    assert.deepEqual(r, { skills: [], unknownTerms: [] });
  });
});
