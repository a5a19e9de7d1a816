// Seniority from title words (decisive) and from the years of experience asked for.
import assert from 'node:assert/strict';
import { classifySeniority, seniorityFromTitle, seniorityFromYears } from '../../../processors/enrich/seniority';

const years = (minYears: number | null, maxYears: number | null = null, newcomerOk = false) => ({
  minYears,
  maxYears,
  newcomerOk,
});

describe('classifySeniority', () => {
  it('reads title words in Korean and English', () => {
    const cases: Array<[string, string]> = [
      ['[체험형 인턴] 백엔드 개발', 'INTERN'],
      ['Software Engineering Intern', 'INTERN'],
      ['신입 프론트엔드 개발자', 'JUNIOR'],
      ['Jr. React Front-end Engineer', 'JUNIOR'],
      ['주니어 백엔드 개발자', 'JUNIOR'],
      ['Senior Backend Engineer', 'SENIOR'],
      ['시니어 클라우드 인프라 엔지니어', 'SENIOR'],
      ['Sr. Data Engineer', 'SENIOR'],
      ['Staff Software Engineer', 'LEAD'],
      ['Principal Engineer', 'LEAD'],
      ['Head of Engineering', 'LEAD'],
      ['프론트엔드 리드 개발자', 'LEAD'],
      ['개발팀장', 'LEAD'],
      ['Mid-level Android Developer', 'MID'],
      ['백엔드 개발자', 'UNKNOWN'],
      ['주니어~시니어 개발자', 'UNKNOWN'],
    ];
    assert.deepEqual(
      cases.map(([t]) => [t, seniorityFromTitle(t)]),
      cases,
    );
  });

  it('maps years: 0-2 junior, 3-4 mid, 5-9 senior, 10+ lead; newcomers welcome counts as 0', () => {
    assert.deepEqual(
      [
        years(0),
        years(2),
        years(3),
        years(4),
        years(5),
        years(9),
        years(10),
        years(null, null, true),
        years(null, 3),
        years(null),
      ].map(seniorityFromYears),
      ['JUNIOR', 'JUNIOR', 'MID', 'MID', 'SENIOR', 'SENIOR', 'LEAD', 'JUNIOR', 'JUNIOR', 'UNKNOWN'],
    );
    assert.equal(seniorityFromYears(null), 'UNKNOWN');
  });

  it('lets the title decide over the years, and says how', () => {
    assert.deepEqual(classifySeniority(years(3), '시니어 백엔드 개발자'), { level: 'SENIOR', method: 'RULES' });
    assert.deepEqual(classifySeniority(years(7), '백엔드 개발자'), { level: 'SENIOR', method: 'RULES' });
    assert.deepEqual(classifySeniority(null, '백엔드 개발자'), { level: 'UNKNOWN', method: 'NONE' });
  });
});
