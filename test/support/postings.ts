// Deterministic silver postings (schemas/silver-posting.avsc) for processor tests and the processors benchmark:
// Korean and English texts of about 3 KB with realistic technology mixes per job field.
import { createHash } from 'node:crypto';
import type { SilverPosting } from '../../processors/refine/types';

interface Template {
  field: string;
  titleKo: string;
  titleEn: string;
  categories: string[];
  tags: string[];
  stackKo: string;
  stackEn: string;
}

const templates: Template[] = [
  {
    field: 'backend',
    titleKo: '백엔드 개발자 (Java/Spring)',
    titleEn: 'Backend Engineer (Java, Spring Boot)',
    categories: ['서버/백엔드'],
    tags: ['Java', 'Spring Boot', 'MySQL'],
    stackKo: 'Java 17, 스프링부트, JPA, MySQL, Redis, Kafka, AWS EC2, Docker, 쿠버네티스',
    stackEn: 'Java 17, Spring Boot, JPA, PostgreSQL, Redis, Kafka, AWS, Docker, Kubernetes',
  },
  {
    field: 'frontend',
    titleKo: '프론트엔드 개발자 (React)',
    titleEn: 'Frontend Engineer (React, TypeScript)',
    categories: ['프론트엔드'],
    tags: ['React', 'TypeScript'],
    stackKo: '리액트, 타입스크립트, Next.js, Redux, Webpack, Jest, Storybook',
    stackEn: 'React, TypeScript, Next.js, Redux Toolkit, Vite, Jest, Cypress, Storybook',
  },
  {
    field: 'data-engineering',
    titleKo: '데이터 엔지니어',
    titleEn: 'Data Engineer',
    categories: ['데이터 엔지니어'],
    tags: ['Python', 'Spark', 'Airflow'],
    stackKo: '파이썬, Apache Spark, Airflow, Kafka, Hadoop, BigQuery, AWS S3',
    stackEn: 'Python, Apache Spark, Airflow, Kafka, Snowflake, dbt, AWS S3, Terraform',
  },
  {
    field: 'devops',
    titleKo: 'DevOps 엔지니어 (클라우드 인프라)',
    titleEn: 'Site Reliability Engineer',
    categories: ['DevOps / 시스템 관리자'],
    tags: ['Kubernetes', 'AWS', 'Terraform'],
    stackKo: '쿠버네티스, 테라폼, AWS, Prometheus, Grafana, ArgoCD, Jenkins, Linux',
    stackEn: 'Kubernetes, Terraform, AWS, GCP, Prometheus, Grafana, Argo CD, GitHub Actions, Linux',
  },
  {
    field: 'mobile',
    titleKo: 'iOS 개발자',
    titleEn: 'Android Engineer (Kotlin)',
    categories: ['iOS 개발자'],
    tags: ['Swift', 'Kotlin'],
    stackKo: 'Swift, SwiftUI, RxSwift, Combine, Xcode, Firebase',
    stackEn: 'Kotlin, Jetpack Compose, Coroutines, Retrofit, Room, Firebase, Gradle',
  },
  {
    field: 'ml',
    titleKo: '머신러닝 엔지니어',
    titleEn: 'Machine Learning Engineer',
    categories: ['머신러닝 엔지니어'],
    tags: ['Python', 'PyTorch'],
    stackKo: '파이썬, PyTorch, TensorFlow, scikit-learn, Pandas, MLflow, Kubeflow',
    stackEn: 'Python, PyTorch, TensorFlow, scikit-learn, pandas, MLflow, Ray, CUDA',
  },
];

const fillerKo =
  '우리 팀은 매일 수백만 명의 사용자가 이용하는 서비스를 만들고 있습니다. 코드 리뷰와 페어 프로그래밍을 통해 함께 성장하며, ' +
  '문제를 정의하고 데이터로 검증하는 문화를 가지고 있습니다. 자율 출퇴근과 원격 근무를 지원하고, 도서 구입비와 컨퍼런스 참가비를 지원합니다. ';
const fillerEn =
  'Our team builds services used by millions of people every day. We grow together through code review and pairing, ' +
  'define problems clearly and check our decisions with data. We offer flexible hours, remote work, a learning budget ' +
  'and conference travel. ';

/** A silver posting, deterministic in `i`; `overrides` replace top-level fields. */
export function silverPosting(i: number, overrides: Partial<SilverPosting> = {}): SilverPosting {
  const t = templates[i % templates.length]!;
  const korean = i % 2 === 0;
  const board = korean ? 'wanted' : 'greenhouse';
  const id = `${board}:${100000 + i}`;
  const at = Date.UTC(2025, 0, 1) + i * 60_000;
  const title = korean ? t.titleKo : t.titleEn;
  const sections = korean
    ? {
        intro: `${fillerKo}${fillerKo}`,
        responsibilities: `- ${t.stackKo.split(', ').slice(0, 3).join(', ')} 기반의 서비스 설계 및 개발\n- 대용량 트래픽 처리와 성능 개선\n- 운영 자동화와 모니터링 체계 구축\n${fillerKo}`,
        requirements: `- 경력 3년 이상\n- ${t.stackKo} 중 하나 이상의 실무 경험\n- Git 기반 협업 경험\n- 컴퓨터 공학 기초 지식`,
        preferred: `- ${t.stackKo.split(', ').slice(-3).join(', ')} 경험\n- 오픈소스 기여 경험\n- 스타트업 근무 경험`,
        benefits: `${fillerKo}${fillerKo}`,
        other: '채용 절차: 서류 전형 → 코딩 테스트 → 기술 인터뷰 → 컬처핏 인터뷰 → 최종 합격',
      }
    : {
        intro: `${fillerEn}${fillerEn}`,
        responsibilities: `- Design and build services on ${t.stackEn.split(', ').slice(0, 3).join(', ')}\n- Scale systems for high traffic\n- Automate operations and monitoring\n${fillerEn}`,
        requirements: `- 3+ years of professional experience\n- Hands-on experience with ${t.stackEn}\n- Git and code review\n- Solid computer science fundamentals`,
        preferred: `- Experience with ${t.stackEn.split(', ').slice(-3).join(', ')}\n- Open source contributions\n- Startup experience`,
        benefits: `${fillerEn}${fillerEn}`,
        other: 'Process: application review, coding exercise, technical interview, team interview, offer.',
      };
  const contentHash = createHash('sha256').update(title).update(JSON.stringify(sections)).digest('hex');
  return {
    postingId: id,
    version: at,
    sources: [
      {
        board,
        boardPostingId: String(100000 + i),
        url: korean
          ? `https://www.wanted.co.kr/wd/${100000 + i}`
          : `https://boards.greenhouse.io/acme/jobs/${100000 + i}`,
        firstSeenAt: at,
        lastSeenAt: at,
        closed: false,
      },
    ],
    title,
    company: { id: `company-${i % 37}`, name: `Company ${i % 37}`, boardCompanyId: null },
    location: korean
      ? { raw: '서울 강남구', city: 'Seoul', region: 'Seoul', country: 'KR', remote: 'HYBRID' }
      : { raw: 'San Francisco, CA', city: 'San Francisco', region: 'CA', country: 'US', remote: 'REMOTE' },
    employmentType: 'FULL_TIME',
    experience: {
      minYears: 3,
      maxYears: null,
      newcomerOk: false,
      raw: korean ? '경력 3년 이상' : '3+ years',
      method: 'RULES',
    },
    salary: null,
    postedAt: at,
    deadline: null,
    alwaysOpen: korean,
    status: 'OPEN',
    language: korean ? 'ko' : 'en',
    sections,
    boardTags: korean ? t.tags : [],
    boardCategories: t.categories,
    contentHash,
    refinedAt: at + 1000,
    ...overrides,
  };
}

/** The job field a posting from `silverPosting(i)` was written for. */
export function intendedField(i: number): string {
  return templates[i % templates.length]!.field;
}
