// Job-field classification: title first, then the board's categories, then the skills, with confidence and method.
import assert from 'node:assert/strict';
import { classifyJobField, createJobFieldClassifier } from '../../../processors/enrich/job-field';
import { extractSkills } from '../../../processors/enrich/skills';

const field = (title: string, boardCategories: string[] = [], requirements = '') =>
  classifyJobField({ title, boardCategories, skills: extractSkills({ title, sections: { requirements } }).skills });

describe('classifyJobField', () => {
  it('reads the field from Korean and English titles', () => {
    const cases: Array<[string, string]> = [
      ['백엔드 개발자 (Java/Spring)', 'backend'],
      ['Back-End Engineer', 'backend'],
      ['서버 개발자', 'backend'],
      ['Senior Frontend Engineer', 'frontend'],
      ['웹 프론트엔드 개발자(React 4년 이상)', 'frontend'],
      ['풀스택 개발자', 'fullstack'],
      ['Full Stack Software Engineer', 'fullstack'],
      ['안드로이드 개발자', 'mobile'],
      ['iOS Engineer', 'mobile'],
      ['Data Engineer', 'data-engineering'],
      ['빅데이터 플랫폼 엔지니어', 'data-engineering'],
      ['머신러닝 엔지니어', 'ml'],
      ['AI Researcher/Data Scientist', 'ml'],
      ['DevOps Engineer', 'devops'],
      ['시니어 클라우드 인프라 엔지니어', 'devops'],
      ['보안 엔지니어', 'security'],
      ['임베디드 소프트웨어 개발자', 'embedded'],
      ['F/W 펌웨어 개발자', 'embedded'],
      ['게임 클라이언트 프로그래머 (Unity)', 'game'],
      ['QA 엔지니어 (2년 이상)', 'qa'],
    ];
    assert.deepEqual(
      cases.map(([title]) => [title, field(title).id]),
      cases,
    );
    assert.deepEqual(field('Backend Engineer'), {
      id: 'backend',
      name: 'Backend',
      nameKo: '백엔드',
      confidence: 0.9,
      method: 'RULES',
    });
  });

  it('calls a title naming both backend and frontend full-stack', () => {
    assert.equal(field('Backend & Frontend Engineer').id, 'fullstack');
    assert.equal(field('웹 개발자 (Front/Back)').id, 'fullstack');
  });

  it('gives a longer keyword precedence over the word inside it', () => {
    assert.equal(field('게임 서버 개발자').id, 'game');
    assert.equal(field('서버 운영 엔지니어').id, 'devops');
  });

  it('discounts team names in brackets and before a team separator', () => {
    assert.equal(field('[인공지능솔루션] Frontend 개발자').id, 'frontend');
    assert.equal(field('보안운영팀 _ Backend 개발').id, 'backend');
    assert.equal(field('[데이터플랫폼팀] 개발자').id, 'data-engineering');
  });

  it("uses the board's category when the title says nothing", () => {
    assert.deepEqual(field('소프트웨어 엔지니어', ['서버 개발자']), {
      id: 'backend',
      name: 'Backend',
      nameKo: '백엔드',
      confidence: 0.85,
      method: 'BOARD_FIELD',
    });
    assert.deepEqual(field('Software Engineer', ['Engineering - Mobile']), {
      id: 'mobile',
      name: 'Mobile',
      nameKo: '모바일',
      confidence: 0.7,
      method: 'BOARD_FIELD',
    });
  });

  it('falls back to the skills, with a lower confidence', () => {
    const r = field('소프트웨어 엔지니어', [], 'React, TypeScript, Redux, Next.js 경험');
    assert.equal(r.id, 'frontend');
    assert.equal(r.method, 'RULES');
    assert.ok(r.confidence > 0.3 && r.confidence <= 0.7, String(r.confidence));
    assert.equal(field('Software Engineer', [], 'Kubernetes, Terraform, Prometheus, Ansible').id, 'devops');
    assert.equal(field('개발자', [], 'PyTorch, TensorFlow, 딥러닝 모델 학습').id, 'ml');
  });

  it("answers 'other' with confidence 0 when nothing points anywhere", () => {
    assert.deepEqual(field('경영지원 담당자'), {
      id: 'other',
      name: 'Other',
      nameKo: '기타',
      confidence: 0,
      method: 'NONE',
    });
  });

  it('ranks every field with a signal, best first', () => {
    const c = createJobFieldClassifier();
    const skills = extractSkills({ title: '', sections: { requirements: 'Java, Spring Boot, React' } }).skills;
    const ranked = c.rank({ title: 'Developer', skills });
    assert.deepEqual(
      ranked.map((r) => r.id),
      ['backend', 'frontend'],
    );
    assert.ok(ranked[0]!.score > ranked[1]!.score);
  });
});
