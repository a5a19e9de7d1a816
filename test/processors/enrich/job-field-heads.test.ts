// Job-field classification of titles whose field words are not all the role: the head noun, team names, product
// domains, and postings with too little skill evidence (issue #4).
import assert from 'node:assert/strict';
import { classifyJobField } from '../../../processors/enrich/job-field';
import { extractSkills } from '../../../processors/enrich/skills';

const field = (title: string, requirements = '') =>
  classifyJobField({ title, skills: extractSkills({ title, sections: { requirements } }).skills });

describe('classifyJobField: head noun, team names and weak evidence', () => {
  it('takes the field word attached to the role noun, not the first one', () => {
    const cases: Array<[string, string]> = [
      ['방화벽 정책관리 솔루션 백엔드 개발자', 'backend'],
      ['인증보안 백엔드 개발자', 'backend'],
      ['보안/인프라/서버 엔지니어', 'backend'],
      ['AI 백엔드 시스템 엔지니어', 'backend'],
      ['Security Backend Engineer', 'backend'],
      ['Security Software Engineer, Backend', 'backend'],
      ['Software Engineer, Machine Learning', 'ml'],
      ['Backend DevOps Engineer', 'devops'],
      // The field word before the role still wins when it is the only one, or a compound names the field.
      ['보안관제 개발담당자', 'security'],
      ['빅데이터 플랫폼 엔지니어', 'data-engineering'],
      ['Data Platform Engineer', 'data-engineering'],
      ['게임 서버 개발자', 'game'],
    ];
    assert.deepEqual(
      cases.map(([title]) => [title, field(title).id]),
      cases,
    );
  });

  it("lets the skills outweigh a field word that only names the product's domain or a team", () => {
    const spring = 'Java, Spring Boot, JPA, MySQL, Spring Batch 경험';
    assert.equal(field('데이터 분석 플랫폼 개발자', spring).id, 'backend');
    assert.equal(field('Data Analytics Platform Developer', spring).id, 'backend');
    assert.equal(field('보안운영팀 _ 사내 그룹웨어 서비스 개발', 'PHP, Laravel, MySQL, jQuery').id, 'backend');
    assert.equal(field('Security Team | Groupware Service Development', 'PHP, Laravel, MySQL, jQuery').id, 'backend');
    // Without skills the domain or team word is all there is, with a confidence low enough to ask the LLM.
    const alone = field('데이터 분석 플랫폼 개발자');
    assert.equal(alone.id, 'ml');
    assert.ok(alone.confidence < 0.6, String(alone.confidence));
    assert.equal(field('[데이터플랫폼팀] 개발자').id, 'data-engineering');
  });

  it('does not read operating a service as DevOps', () => {
    assert.equal(field('인사(HR)시스템 운영 및 유지보수', 'Java, Spring, Oracle, React').id, 'backend');
    assert.equal(field('서버 운영 엔지니어').id, 'devops');
    assert.equal(field('클라우드 운영 담당자').id, 'devops');
  });

  it("answers 'other' when the skills give too little evidence", () => {
    for (const [title, requirements] of [
      ['프로덕트 관리 및 개발 PM', 'Jira 사용 경험'],
      ['Product Manager (Development)', 'Experience with Jira'],
    ]) {
      assert.deepEqual(field(title!, requirements), {
        id: 'other',
        name: 'Other',
        nameKo: '기타',
        confidence: 0,
        method: 'NONE',
      });
    }
    // One framework is enough.
    assert.equal(field('Software Engineer', 'Django').id, 'backend');
  });

  it('does not call a C/C++ systems job DevOps for listing Unix/Linux and TCP/IP', () => {
    const requirements =
      'C, C++(Unix, Linux) 개발 경험, 통신 프로그램(TCP/IP, UDP) 개발 경험, Unix/Linux 서버 환경 구성 경험';
    assert.notEqual(field('법인매매 시스템 개발', requirements).id, 'devops');
    assert.notEqual(
      field('Trading System Developer', requirements.replace(/개발 경험|서버 환경 구성 경험/g, '')).id,
      'devops',
    );
  });
});
