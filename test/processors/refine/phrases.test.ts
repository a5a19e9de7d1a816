import assert from 'node:assert/strict';
import { companyId, normaliseCompanyName } from '../../../processors/refine/company';
import { KST_OFFSET_MS, parseDate, parseDeadline } from '../../../processors/refine/dates';
import { parseEmploymentType } from '../../../processors/refine/employment';
import { findExperience, parseExperiencePhrase } from '../../../processors/refine/experience';
import { detectLanguage } from '../../../processors/refine/language';
import { detectRemote, parseLocation } from '../../../processors/refine/location';
import { findSalary, parseSalaryPhrase } from '../../../processors/refine/salary';
import { emptySections } from '../../../processors/refine/sections';

describe('refine experience phrases', () => {
  const table: Array<[string, number | null, number | null, boolean, { bare?: boolean }?]> = [
    ['경력 3년 이상', 3, null, false],
    ['신입', 0, 0, true],
    ['경력무관', 0, null, true],
    ['무관(신입포함)', 0, null, true],
    ['신입·경력', 0, null, true],
    ['신입·경력 3년 ↓', 0, 3, true],
    ['신입·경력 1~10년', 0, 10, true],
    ['3~5년', 3, 5, false],
    ['경력 5년↑', 5, null, false],
    ['경력 7년 이하', null, 7, false],
    ['3+ years', 3, null, false],
    ['5-7 yrs', 5, 7, false],
    ['2-4+ years in a lead role', 2, 4, false],
    ['at least three years of experience', 3, null, false],
    ['minimum of 4 years', 4, null, false],
    ['up to 2 years of experience', null, 2, false],
    ['entry-level', 0, null, true],
    ['3-7', 3, 7, false, { bare: true }],
  ];
  for (const [phrase, min, max, newcomer, opts] of table) {
    it(`'${phrase}' → ${min}..${max}${newcomer ? ', newcomer ok' : ''}`, () => {
      const r = parseExperiencePhrase(phrase, opts);
      assert.ok(r, 'no range read');
      assert.deepEqual([r.minYears, r.maxYears, r.newcomerOk], [min, max, newcomer]);
    });
  }

  it('reads nothing from phrases that are not about experience', () => {
    assert.equal(parseExperiencePhrase('학력무관'), null);
    assert.equal(parseExperiencePhrase('a team of 100+ engineers'), null);
    assert.equal(parseExperiencePhrase(''), null);
  });

  it('finds experience in requirements before the title and never in the intro', () => {
    const sections = {
      ...emptySections(),
      intro: 'We have 20 years of experience serving hospitals.',
      requirements: '- Python\n- 5년 이상의 백엔드 개발 경험',
    };
    assert.deepEqual(findExperience('Backend Engineer', sections), {
      minYears: 5,
      maxYears: null,
      newcomerOk: false,
      raw: '5년 이상',
      method: 'RULES',
    });
    assert.equal(findExperience('Backend Engineer', { ...emptySections(), intro: sections.intro }), null);
    assert.equal(findExperience('[신입] 웹 개발자', emptySections())?.maxYears, 0);
  });
});

describe('refine salary phrases', () => {
  const table: Array<[string, number | null, number | null, string, string]> = [
    ['연봉 4,000만원 ~ 6,000만원', 40_000_000, 60_000_000, 'KRW', 'YEAR'],
    ['3,000~3,500만원', 30_000_000, 35_000_000, 'KRW', 'YEAR'],
    ['연봉 5천만원 이상', 50_000_000, null, 'KRW', 'YEAR'],
    ['연봉 1억 2천만원', 120_000_000, 120_000_000, 'KRW', 'YEAR'],
    ['월급 300만원', 3_000_000, 3_000_000, 'KRW', 'MONTH'],
    ['시급 12,000원', 12_000, 12_000, 'KRW', 'HOUR'],
    ['$120k–$150k', 120_000, 150_000, 'USD', 'YEAR'],
    ['$120-150k', 120_000, 150_000, 'USD', 'YEAR'],
    ['$50/hr', 50, 50, 'USD', 'HOUR'],
    ['$34.62/hour', 34.62, 34.62, 'USD', 'HOUR'],
    ['€60,000 - €80,000 per year', 60_000, 80_000, 'EUR', 'YEAR'],
    ['£4,000 a month', 4_000, 4_000, 'GBP', 'MONTH'],
    ['USD 130,000 - 150,000', 130_000, 150_000, 'USD', 'YEAR'],
  ];
  for (const [phrase, min, max, currency, period] of table) {
    it(`'${phrase}' → ${currency} ${min}..${max} per ${period}`, () => {
      const r = parseSalaryPhrase(phrase);
      assert.ok(r, 'no salary read');
      assert.deepEqual([r.min, r.max, r.currency, r.period], [min, max, currency, period]);
    });
  }

  it('reads no salary from negotiable phrases', () => {
    assert.equal(parseSalaryPhrase('면접 후 결정'), null);
    assert.equal(parseSalaryPhrase('회사내규에 따름'), null);
  });

  it('finds pay in the text but not funding, revenue or allowances', () => {
    const s = (other: string) => ({ ...emptySections(), other });
    assert.equal(findSalary('', s('We raised $40M in our Series B.')), null);
    assert.equal(findSalary('', s('Versapay processes $257B annually.')), null);
    assert.equal(findSalary('', s('¥693,000 annual allowance towards childcare')), null);
    assert.equal(findSalary('', s('매출 500억 규모의 회사입니다')), null);
    assert.deepEqual(findSalary('', s('- 급여 : 연봉 5,000만원 ~ 7,000만원')), {
      min: 50_000_000,
      max: 70_000_000,
      currency: 'KRW',
      period: 'YEAR',
      raw: '연봉 5,000만원 ~ 7,000만원',
      method: 'RULES',
    });
    assert.deepEqual(findSalary('', s('$130,000 - $150,000 a year')), {
      min: 130_000,
      max: 150_000,
      currency: 'USD',
      period: 'YEAR',
      raw: '$130,000 - $150,000 a year',
      method: 'RULES',
    });
  });
});

describe('refine dates', () => {
  const fetched = Date.UTC(2026, 8, 10); // 2026-09-10T00:00Z
  const kst = { offsetMs: KST_OFFSET_MS, reference: fetched };
  it('reads always-open phrases', () => {
    for (const p of ['상시채용', '채용시 마감', '채용 시 마감', '수시채용', 'Open until filled']) {
      assert.deepEqual(parseDeadline(p, kst), { deadline: null, alwaysOpen: true }, p);
    }
  });
  const table: Array<[string, string]> = [
    ['2026-10-01 23:59:59', '2026-10-01T14:59:59.000Z'],
    ['2026.09.30', '2026-09-30T14:59:59.000Z'],
    ['~ 12/31(일)', '2026-12-31T14:59:59.000Z'],
    ['~01/15(금)', '2027-01-15T14:59:59.000Z'],
    ['12월 31일 마감', '2026-12-31T14:59:59.000Z'],
    ['2026년 11월 3일', '2026-11-03T14:59:59.000Z'],
    ['D-7', '2026-09-17T14:59:59.000Z'],
    ['2026-10-15T18:00:00+09:00', '2026-10-15T09:00:00.000Z'],
  ];
  for (const [phrase, iso] of table) {
    it(`deadline '${phrase}' → ${iso} (KST end of day when no time)`, () => {
      assert.equal(new Date(parseDeadline(phrase, kst).deadline!).toISOString(), iso);
    });
  }
  it('reads epoch seconds, epoch ms and ISO posting dates', () => {
    assert.equal(parseDate(1788307200), 1788307200000);
    assert.equal(parseDate('1788307200'), 1788307200000);
    assert.equal(parseDate(1787040000000), 1787040000000);
    assert.equal(parseDate('2026-09-01T09:30:00-04:00'), Date.UTC(2026, 8, 1, 13, 30));
    assert.equal(parseDate('not a date'), null);
  });
});

describe('refine company, employment, language, location', () => {
  it('derives one company id from every spelling of a name', () => {
    const names = ['(주)카카오', '주식회사 카카오', '㈜카카오', '카카오 (주)', '카카오(Kakao)'];
    for (const n of names) assert.equal(companyId(n), '카카오', n);
    assert.equal(companyId('Kakao Corp.'), '카카오', 'a listed alias (data/company-aliases.json)');
    assert.equal(companyId('Daybreak Analytics, Inc.'), 'daybreakanalytics');
    assert.equal(companyId('Acme Co., Ltd.'), 'acme');
    assert.equal(companyId('AT&T'), 'atandt');
    assert.equal(normaliseCompanyName('트립비토즈(tripbtoz)'), '트립비토즈');
  });

  it('reads employment types in Korean and English, first mention first', () => {
    assert.equal(parseEmploymentType('정규직'), 'FULL_TIME');
    assert.equal(parseEmploymentType('계약직 (정규직 전환 가능)'), 'CONTRACT');
    assert.equal(parseEmploymentType('Full-time'), 'FULL_TIME');
    assert.equal(parseEmploymentType('seeking a part-time analyst; full-time employees get...'), 'PART_TIME');
    assert.equal(parseEmploymentType('Summer Internship'), 'INTERN');
    assert.equal(parseEmploymentType('no type here'), null);
  });

  it('detects Korean by its Hangul share even with many English terms', () => {
    assert.equal(detectLanguage('Kotlin, Spring Boot, AWS, Kafka 기반 백엔드 개발 경험'), 'ko');
    assert.equal(detectLanguage('Build data pipelines in Python and SQL'), 'en');
  });

  it('normalises Korean and English locations', () => {
    const loc = (raw: string) => {
      const l = parseLocation(raw);
      return [l.city, l.region, l.country];
    };
    assert.deepEqual(loc('서울 강남구 테헤란로 427'), ['Seoul', 'Seoul', 'KR']);
    assert.deepEqual(loc('경기도 성남시 분당구 판교역로 166'), ['Seongnam', 'Gyeonggi', 'KR']);
    assert.deepEqual(loc('판교'), ['Seongnam', 'Gyeonggi', 'KR']);
    assert.deepEqual(loc('강남'), ['Seoul', 'Seoul', 'KR']);
    assert.deepEqual(loc('San Francisco, CA'), ['San Francisco', 'CA', 'US']);
    assert.deepEqual(loc('Washington, DC'), ['Washington', 'DC', 'US']);
    assert.deepEqual(loc('Remote (United States)'), [null, null, 'US']);
    assert.deepEqual(loc('London, United Kingdom'), ['London', null, 'GB']);
    assert.deepEqual(loc('San Francisco, CA | New York City, NY'), ['San Francisco', 'CA', 'US']);
    assert.deepEqual(loc('Americas'), [null, null, null]);
  });

  it('reads the remote policy from short fields before the description', () => {
    assert.equal(detectRemote(['Remote (United States)'], ''), 'REMOTE');
    assert.equal(detectRemote(['Hybrid - Seoul'], 'fully remote'), 'HYBRID');
    assert.equal(detectRemote(['Berlin'], 'We run a hybrid cloud.'), 'UNKNOWN');
    assert.equal(detectRemote(['서울'], '- 재택근무 주 2회'), 'HYBRID');
    assert.equal(detectRemote(['서울'], '- 풀재택 근무'), 'REMOTE');
    assert.equal(detectRemote([null, 'Backend Engineer (On-site)'], ''), 'ONSITE');
  });
});
