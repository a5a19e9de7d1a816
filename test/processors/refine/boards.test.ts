// Each board's parser on a small fixture in the board's real format (fixtures written for these tests), through
// the whole parse step: the silver posting is checked field by field.
import assert from 'node:assert/strict';
import { ValidationError } from '../../../platform/errors';
import { schemaFor } from '../../../platform/schemas';
import { refineRawPosting } from '../../../processors/refine/parse';
import type { SilverPosting } from '../../../processors/refine/types';
import { FETCHED_AT, fixture, rawPosting } from './support';

type Expected = Omit<
  SilverPosting,
  'postingId' | 'version' | 'sources' | 'contentHash' | 'refinedAt' | 'postedAt' | 'deadline'
> & {
  postedAt: string | null;
  deadline: string | null;
};

interface Case {
  board: string;
  id: string;
  file: string;
  listEntry?: string;
  what: string;
  expected: Expected;
}

const cases: Case[] = [
  {
    board: 'wanted',
    id: '212345',
    file: 'wanted-job.json',
    what: 'Wanted v4 job detail',
    expected: {
      title: '백엔드 개발자 (Kotlin/Spring)',
      company: {
        id: '테크맵랩스',
        name: '(주)테크맵랩스',
        boardCompanyId: '9901',
      },
      location: {
        raw: '경기도 성남시 분당구 판교역로 166',
        city: 'Seongnam',
        region: 'Gyeonggi',
        country: 'KR',
        remote: 'HYBRID',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 3,
        maxYears: 8,
        newcomerOk: false,
        raw: 'annual_from=3 annual_to=8',
        method: 'BOARD_FIELD',
      },
      salary: null,
      postedAt: '2026-09-01T01:00:00.000Z',
      deadline: null,
      alwaysOpen: true,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '테크맵랩스는 개발자 채용 시장의 데이터를 분석해 구직자에게 필요한 기술을 알려 드립니다.',
        responsibilities:
          '- 채용 공고 수집 파이프라인의 API를 개발합니다.\n- Kafka 기반 스트림 처리 서비스를 운영합니다.',
        requirements: '- Kotlin 또는 Java 기반 백엔드 개발 경력 3년 이상\n- RDBMS 설계 경험이 있으신 분',
        preferred: '- Kafka Streams 운영 경험\n- 대용량 트래픽 처리 경험',
        benefits: '- 재택근무 주 2회\n- 점심 식대 지원',
        other: '서류 전형 > 1차 면접 > 최종 면접',
      },
      boardTags: ['Kotlin', 'Spring Boot', 'AWS'],
      boardCategories: ['서버 개발자', '자바 개발자'],
    },
  },
  {
    board: 'jumpit',
    id: '51234567',
    file: 'jumpit-position.json',
    listEntry: 'jumpit-list-entry.json',
    what: 'Jumpit position detail + listing entry',
    expected: {
      title: '데이터 엔지니어 경력 채용',
      company: {
        id: '스트림웍스',
        name: '주식회사 스트림웍스',
        boardCompanyId: '4242',
      },
      location: {
        raw: '서울 강남구 테헤란로 427, 10층',
        city: 'Seoul',
        region: 'Seoul',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 3,
        maxYears: 7,
        newcomerOk: false,
        raw: '경력 3~7년',
        method: 'BOARD_FIELD',
      },
      salary: {
        min: 50000000,
        max: 70000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '연봉 5,000만원 ~ 7,000만원',
        method: 'RULES',
      },
      postedAt: '2026-09-01T15:00:00.000Z',
      deadline: '2026-10-01T14:59:59.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '스트림웍스는 실시간 데이터 플랫폼을 만드는 회사입니다.',
        responsibilities: '- 데이터 파이프라인 설계 및 운영\n- 배치/스트리밍 ETL 개발',
        requirements: '- 데이터 엔지니어링 실무 경험 3년 이상\n- SQL에 능숙하신 분',
        preferred: '- Kubernetes 환경 운영 경험\n- 클라우드(AWS, GCP) 데이터 서비스 경험',
        benefits: '- 자율 출퇴근\n- 최신 장비 지원',
        other: '- 고용형태 : 정규직\n- 급여 : 연봉 5,000만원 ~ 7,000만원\n전형절차 : 서류전형 > 기술면접 > 최종합격',
      },
      boardTags: ['Python', 'Apache Spark', 'Airflow', 'Kafka'],
      boardCategories: ['데이터 엔지니어', 'BI 엔지니어'],
    },
  },
  {
    board: 'programmers',
    id: '18765',
    file: 'programmers-position.json',
    what: 'Programmers job_positions detail (Markdown)',
    expected: {
      title: '[플랫폼팀] 프론트엔드 엔지니어 (React)',
      company: {
        id: '커리어브릿지',
        name: '커리어브릿지(주)',
        boardCompanyId: '3321',
      },
      location: {
        raw: '서울특별시 서초구 강남대로 465',
        city: 'Seoul',
        region: 'Seoul',
        country: 'KR',
        remote: 'HYBRID',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 3,
        maxYears: 7,
        newcomerOk: false,
        raw: '3-7',
        method: 'BOARD_FIELD',
      },
      salary: {
        min: 50000000,
        max: 80000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '5000~8000만원',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-08-19T15:00:00.000Z',
      deadline: '2026-10-31T14:59:59.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '- 채용 플랫폼 웹 프론트엔드 개발\n- 디자인 시스템 컴포넌트 개발',
        requirements: '- React 기반 서비스 개발 경력 3년 이상\n- TypeScript에 능숙하신 분',
        preferred: '- Next.js 기반 SSR 경험',
        benefits: '- 도서 구입비 지원\n- 원격 근무 가능 (주 1회 출근)',
        other: '',
      },
      boardTags: ['React', 'TypeScript'],
      boardCategories: ['programmers:2'],
    },
  },
  {
    board: 'saramin',
    id: '48123456',
    file: 'saramin-api-job.json',
    what: 'Saramin Open API job',
    expected: {
      title: 'AWS 클라우드 엔지니어 (경력 5년 이상)',
      company: {
        id: '클라우드나인',
        name: '㈜클라우드나인',
        boardCompanyId: 'QUJjZGVm',
      },
      location: {
        raw: '서울 마포구',
        city: 'Seoul',
        region: 'Seoul',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 5,
        maxYears: null,
        newcomerOk: false,
        raw: '경력 5년 이상',
        method: 'BOARD_FIELD',
      },
      salary: {
        min: 50000000,
        max: 60000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '5,000~6,000만원',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-09-01T00:00:00.000Z',
      deadline: '2026-09-30T14:59:59.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '',
        requirements: '',
        preferred: '',
        benefits: '',
        other: '',
      },
      boardTags: ['AWS', '클라우드', 'DevOps', 'Terraform', 'Kubernetes'],
      boardCategories: ['IT개발·데이터'],
    },
  },
  {
    board: 'saramin',
    id: '48999001',
    file: 'saramin-view.html',
    what: 'Saramin posting page (HTML)',
    expected: {
      title: '안드로이드 앱 개발자 채용',
      company: {
        id: '핀테크원',
        name: '(주)핀테크원',
        boardCompanyId: null,
      },
      location: {
        raw: '서울 구로구 디지털로 300',
        city: 'Seoul',
        region: 'Seoul',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 0,
        maxYears: 3,
        newcomerOk: true,
        raw: '신입·경력 3년 ↓',
        method: 'BOARD_FIELD',
      },
      salary: null,
      postedAt: '2026-09-01T01:00:00.000Z',
      deadline: '2026-09-30T14:59:00.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '- 간편결제 안드로이드 앱 개발\n- 신규 기능 설계 및 테스트 코드 작성',
        requirements: '- Kotlin 기반 안드로이드 개발 경험',
        preferred: '- Jetpack Compose 사용 경험',
        benefits: '4대보험, 연차, 중식 제공',
        other: '',
      },
      boardTags: ['Kotlin', 'Android', 'Jetpack Compose'],
      boardCategories: ['핀테크', 'IT개발·데이터', '앱개발'],
    },
  },
  {
    board: 'jobkorea',
    id: '47000111',
    file: 'jobkorea-gi-read.html',
    what: 'JobKorea GI_Read page (HTML)',
    expected: {
      title: '[판교] iOS 개발자 (Swift) 경력직 모집',
      company: {
        id: '모빌리티랩',
        name: '(주)모빌리티랩',
        boardCompanyId: null,
      },
      location: {
        raw: '경기 성남시 분당구',
        city: 'Seongnam',
        region: 'Gyeonggi',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 2,
        maxYears: 5,
        newcomerOk: false,
        raw: '경력 2~5년',
        method: 'BOARD_FIELD',
      },
      salary: {
        min: 45000000,
        max: 60000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '4,500 ~ 6,000만원',
        method: 'BOARD_FIELD',
      },
      postedAt: null,
      deadline: null,
      alwaysOpen: true,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '- 차량 공유 iOS 앱 개발\n- 앱 성능 개선',
        requirements: '- Swift 기반 iOS 개발 경력 2년 이상',
        preferred: '- SwiftUI 프로젝트 경험',
        benefits: '',
        other: '',
      },
      boardTags: ['Swift', 'iOS', 'RxSwift'],
      boardCategories: [],
    },
  },
  {
    board: 'rocketpunch',
    id: '150123',
    file: 'rocketpunch-job.html',
    what: 'Rocketpunch job page with JSON-LD JobPosting',
    expected: {
      title: 'ML 엔지니어 (Vision)',
      company: {
        id: '딥비전',
        name: '딥비전 주식회사',
        boardCompanyId: null,
      },
      location: {
        raw: '대전 유성구 대학로 99',
        city: 'Daejeon',
        region: 'Daejeon',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 2,
        maxYears: null,
        newcomerOk: false,
        raw: '2년 이상',
        method: 'RULES',
      },
      salary: {
        min: 45000000,
        max: 65000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '{"@type":"QuantitativeValue","minValue":45000000,"maxValue":65000000,"unitText":"YEAR"}',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-08-27T15:00:00.000Z',
      deadline: '2026-09-27T14:59:59.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '- 비전 모델 학습 및 서빙',
        requirements: '- PyTorch 실무 경험 2년 이상',
        preferred: '- TensorRT 최적화 경험',
        benefits: '',
        other: '',
      },
      boardTags: ['PyTorch', 'TensorRT', 'Python'],
      boardCategories: ['머신러닝 엔지니어'],
    },
  },
  {
    board: 'greenhouse',
    id: 'daybreak/7012345',
    file: 'greenhouse-job.json',
    what: 'Greenhouse job (escaped HTML content, pay ranges in cents)',
    expected: {
      title: 'Senior Data Engineer',
      company: {
        id: 'daybreakanalytics',
        name: 'Daybreak Analytics, Inc.',
        boardCompanyId: 'daybreak',
      },
      location: {
        raw: 'Remote (United States)',
        city: null,
        region: null,
        country: 'US',
        remote: 'REMOTE',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 4,
        maxYears: null,
        newcomerOk: false,
        raw: '4+ years',
        method: 'RULES',
      },
      salary: {
        min: 150000,
        max: 185000,
        currency: 'USD',
        period: 'YEAR',
        raw: '15000000-18500000 cents USD',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-09-01T13:30:00.000Z',
      deadline: '2026-10-15T23:59:59.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'en',
      sections: {
        intro: 'Daybreak Analytics builds data tools for hospitals & clinics.',
        responsibilities: '- Build data pipelines in Python and SQL\n- Own our dbt models & Airflow DAGs',
        requirements: '- 4+ years of experience as a data engineer\n- Strong SQL <3',
        preferred: '- Experience with Snowflake',
        benefits: '- Remote-first team, work from anywhere in the U.S.\n- 401(k) match',
        other: '',
      },
      boardTags: [],
      boardCategories: ['Data'],
    },
  },
  {
    board: 'lever',
    id: 'northwind/5b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0',
    file: 'lever-posting.json',
    what: 'Lever posting (lists, salaryRange, workplaceType)',
    expected: {
      title: 'Site Reliability Engineer',
      company: {
        id: 'northwind',
        name: 'northwind',
        boardCompanyId: 'northwind',
      },
      location: {
        raw: 'Berlin, Germany',
        city: 'Berlin',
        region: null,
        country: 'DE',
        remote: 'HYBRID',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 5,
        maxYears: 7,
        newcomerOk: false,
        raw: '5-7 yrs',
        method: 'RULES',
      },
      salary: {
        min: 75000,
        max: 95000,
        currency: 'EUR',
        period: 'YEAR',
        raw: '75000-95000 EUR per-year-salary',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-08-18T08:00:00.000Z',
      deadline: null,
      alwaysOpen: false,
      status: 'OPEN',
      language: 'en',
      sections: {
        intro: 'Northwind makes logistics software.',
        responsibilities: '- Run our Kubernetes clusters on GCP\n- Write Terraform modules',
        requirements: '- 5-7 yrs in SRE or platform roles\n- Go or Python',
        preferred: '- Istio in production',
        benefits: '',
        other: 'Compensation: the base pay for this role is listed below.',
      },
      boardTags: [],
      boardCategories: ['Platform', 'Engineering'],
    },
  },
  {
    board: 'remoteok',
    id: '1130901',
    file: 'remoteok-job.json',
    what: 'RemoteOK job',
    expected: {
      title: 'Senior Rust Engineer',
      company: {
        id: 'ferrouslabs',
        name: 'Ferrous Labs',
        boardCompanyId: null,
      },
      location: {
        raw: 'Worldwide',
        city: null,
        region: null,
        country: null,
        remote: 'REMOTE',
      },
      employmentType: null,
      experience: {
        minYears: 5,
        maxYears: null,
        newcomerOk: false,
        raw: '5+ years',
        method: 'RULES',
      },
      salary: {
        min: 150000,
        max: 190000,
        currency: 'USD',
        period: 'YEAR',
        raw: '150000-190000 USD',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-09-04T00:00:00.000Z',
      deadline: null,
      alwaysOpen: false,
      status: 'OPEN',
      language: 'en',
      sections: {
        intro: 'Ferrous Labs builds a database in Rust.',
        responsibilities: '',
        requirements: '- 5+ years of systems programming experience\n- Deep knowledge of Rust & async',
        preferred: '',
        benefits: '- Home office budget',
        other: '',
      },
      boardTags: ['rust', 'backend', 'senior', 'engineer'],
      boardCategories: [],
    },
  },
  {
    board: 'hn',
    id: '45123456',
    file: 'hn-item.json',
    what: 'Hacker News Who-is-hiring comment',
    expected: {
      title: 'Senior Backend Engineer',
      company: {
        id: 'lumenrobotics',
        name: 'Lumen Robotics',
        boardCompanyId: null,
      },
      location: {
        raw: 'San Francisco, CA',
        city: 'San Francisco',
        region: 'CA',
        country: 'US',
        remote: 'ONSITE',
      },
      employmentType: null,
      experience: {
        minYears: 5,
        maxYears: null,
        newcomerOk: false,
        raw: '5+ years',
        method: 'RULES',
      },
      salary: {
        min: 170000,
        max: 210000,
        currency: 'USD',
        period: 'YEAR',
        raw: '$170k-$210k + equity',
        method: 'RULES',
      },
      postedAt: '2026-09-02T00:00:00.000Z',
      deadline: null,
      alwaysOpen: false,
      status: 'OPEN',
      language: 'en',
      sections: {
        intro: "We're building fleet software for warehouse robots. Stack: Go/PostgreSQL/Kafka.",
        responsibilities: '',
        requirements: '- 5+ years building distributed systems',
        preferred: '',
        benefits: '',
        other: 'Apply: jobs@lumen.example',
      },
      boardTags: [],
      boardCategories: [],
    },
  },
  {
    board: 'saramin',
    id: '48999002',
    file: 'saramin-search-item.html',
    what: 'Saramin search result item (HTML, what the crawler emits without an API key)',
    expected: {
      title: '[플랫폼] 백엔드 개발자 (Java/Spring) 경력 채용',
      company: {
        id: '마포소프트',
        name: '(주)마포소프트',
        boardCompanyId: 'Y3NuMTIz',
      },
      location: {
        raw: '서울 마포구',
        city: 'Seoul',
        region: 'Seoul',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 3,
        maxYears: 7,
        newcomerOk: false,
        raw: '경력 3~7년',
        method: 'BOARD_FIELD',
      },
      salary: {
        min: 45000000,
        max: 60000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '연봉 4,500~6,000만원',
        method: 'BOARD_FIELD',
      },
      postedAt: '2026-09-02T15:00:00.000Z',
      deadline: '2026-10-12T14:59:59.000Z',
      alwaysOpen: false,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '',
        requirements: '',
        preferred: '',
        benefits: '',
        other: '',
      },
      boardTags: ['백엔드/서버개발', 'Java', 'Spring Boot', 'MySQL'],
      boardCategories: [],
    },
  },
  {
    board: 'jobkorea',
    id: '47000111',
    file: 'jobkorea-gi-read.html',
    listEntry: 'jobkorea-list-entry.json',
    what: 'JobKorea GI_Read page with its list row',
    expected: {
      title: '[판교] iOS 개발자 (Swift) 경력직 모집',
      company: {
        id: '모빌리티랩',
        name: '(주)모빌리티랩',
        boardCompanyId: null,
      },
      location: {
        raw: '경기 성남시 분당구',
        city: 'Seongnam',
        region: 'Gyeonggi',
        country: 'KR',
        remote: 'UNKNOWN',
      },
      employmentType: 'FULL_TIME',
      experience: {
        minYears: 2,
        maxYears: 5,
        newcomerOk: false,
        raw: '경력 2~5년',
        method: 'BOARD_FIELD',
      },
      salary: {
        min: 45000000,
        max: 60000000,
        currency: 'KRW',
        period: 'YEAR',
        raw: '4,500 ~ 6,000만원',
        method: 'BOARD_FIELD',
      },
      postedAt: null,
      deadline: null,
      alwaysOpen: true,
      status: 'OPEN',
      language: 'ko',
      sections: {
        intro: '',
        responsibilities: '- 차량 공유 iOS 앱 개발\n- 앱 성능 개선',
        requirements: '- Swift 기반 iOS 개발 경력 2년 이상',
        preferred: '- SwiftUI 프로젝트 경험',
        benefits: '',
        other: '',
      },
      boardTags: ['Swift', 'iOS', 'RxSwift', 'iOS개발', '앱개발'],
      boardCategories: [],
    },
  },
];

function refine(c: Pick<Case, 'board' | 'id' | 'file' | 'listEntry'>, over: Parameters<typeof rawPosting>[3] = {}) {
  const raw = rawPosting(c.board, c.id, fixture(c.file), {
    listEntry: c.listEntry ? fixture(c.listEntry) : null,
    ...over,
  });
  return refineRawPosting(raw, { now: () => 42 });
}

describe('refine board parsers', () => {
  for (const c of cases) {
    it(`${c.board}: ${c.what}`, () => {
      const p = refine(c);
      const { postingId, version, sources, contentHash, refinedAt, postedAt, deadline, ...rest } = p;
      assert.deepEqual(
        {
          ...rest,
          postedAt: postedAt === null ? null : new Date(postedAt).toISOString(),
          deadline: deadline === null ? null : new Date(deadline).toISOString(),
        },
        c.expected,
      );
      assert.equal(postingId, `${c.board}:${c.id}`);
      assert.equal(version, FETCHED_AT);
      assert.deepEqual(sources, [
        {
          board: c.board,
          boardPostingId: c.id,
          url: `https://${c.board}.example/jobs/${c.id}`,
          firstSeenAt: FETCHED_AT,
          lastSeenAt: FETCHED_AT,
          closed: false,
        },
      ]);
      assert.match(contentHash, /^[0-9a-f]{64}$/);
      assert.equal(refinedAt, 42);
      const invalid: string[] = [];
      assert.ok(
        schemaFor('silver-posting').type.isValid(p, { errorHook: (path) => invalid.push(path.join('.')) }),
        `not a valid SilverPosting at ${invalid.join(', ')}`,
      );
    });
  }

  it('gives equal content the same contentHash whatever the fetch', () => {
    const a = refine(cases[0]!);
    const b = refine(cases[0]!, { fetchedAt: FETCHED_AT + 1000, crawlRunId: 'run-2' });
    assert.equal(a.contentHash, b.contentHash);
    assert.notEqual(a.contentHash, refine(cases[1]!).contentHash);
  });

  it('turns a CLOSED raw record into a CLOSED posting whose source is closed', () => {
    const p = refine(cases[7]!, { change: 'CLOSED' });
    assert.equal(p.status, 'CLOSED');
    assert.equal(p.sources[0]!.closed, true);
    assert.equal(p.title, 'Senior Data Engineer');
  });

  it('recognises a known format under an unknown board name (demo variants)', () => {
    const p = refine({ board: 'demo-kr', id: '1', file: 'wanted-job.json' });
    assert.equal(p.title, '백엔드 개발자 (Kotlin/Spring)');
    assert.deepEqual(p.boardTags, ['Kotlin', 'Spring Boot', 'AWS']);
  });
});

describe('refine malformed bodies', () => {
  const bad: Array<[string, string, string]> = [
    ['wanted', 'not json {', 'body is not JSON'],
    ['wanted', '{"job": {"company": {"name": "A"}}}', 'missing string job.position'],
    ['jumpit', '{"result": {"title": "T"}}', 'missing string result.companyName'],
    ['programmers', '{"jobPositions": []}', 'missing object jobPosition'],
    ['greenhouse', '{"id": 1, "title": "T"}', 'missing string content'],
    ['lever', '[]', 'missing object lever posting'],
    ['remoteok', '{"last_updated": 1, "legal": "API Terms of Service"}', 'the legal notice'],
    ['hn', '{"id": 1, "deleted": true, "type": "comment"}', 'no text'],
    ['hn', '{"id": 1, "by": "x", "text": "Just a comment without a header", "type": "comment"}', 'header line'],
    ['saramin', '<html><body><p>점검 중입니다</p></body></html>', 'no title'],
    ['jobkorea', 'plain text, not a page', 'not an HTML page'],
    ['unknownboard', '{"hello": "world"}', "no parser for board 'unknownboard'"],
    ['wanted', '', 'empty body'],
  ];
  for (const [board, body, message] of bad) {
    it(`${board}: ${JSON.stringify(body).slice(0, 50)} → ValidationError`, () => {
      assert.throws(
        () => refineRawPosting(rawPosting(board, '1', body)),
        (err: unknown) => err instanceof ValidationError && err.retriable === false && err.message.includes(message),
      );
    });
  }
});
