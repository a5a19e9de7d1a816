// A labelled set of posting pairs for measuring cross-board de-duplication, generated deterministically from
// realistic templates. Every posting is rendered into a real board format (Wanted, Jumpit, Programmers for Korean;
// Greenhouse, Lever, RemoteOK for English) and refined by the real parsers, so the pairs look like what the dedup
// stage sees.
//   same job     the same posting on two boards: other title wording (one in five names the main technology on
//                one board only), company spelling, bullets and headings, and small edits (a bullet dropped,
//                added or reworded, two swapped)
//   different    two postings of the same company whose titles are alike: another level ('Backend Engineer' vs
//                'Senior Backend Engineer (Payments)'), another team, the very same title for another team, or a
//                related role ('Data Engineer' vs 'Data Analyst')
import {
  compareFingerprints,
  dedupPosting,
  defaultDedupSettings,
  fingerprint,
  type DedupSettings,
} from '../../../processors/refine/dedup';
import { refineRawPosting } from '../../../processors/refine/parse';
import type { DedupState, RawPosting, SilverPosting } from '../../../processors/refine/types';
import { seededRandom } from '../../../producers/demo-board/prng';

type Lang = 'ko' | 'en';

interface RoleTemplate {
  id: string;
  title: Record<Lang, string>;
  responsibilities: Record<Lang, string[]>;
  requirements: Record<Lang, string[]>;
  preferred: Record<Lang, string[]>;
  tags: string[];
}

const ROLES: RoleTemplate[] = [
  {
    id: 'backend',
    title: { ko: '백엔드 개발자', en: 'Backend Engineer' },
    responsibilities: {
      ko: [
        '대규모 트래픽을 처리하는 API 서버를 설계하고 개발합니다',
        'MSA 기반 서비스의 도메인 모델을 설계합니다',
        'Kafka를 활용한 이벤트 기반 비동기 처리 구조를 개발합니다',
        '서비스 장애를 분석하고 성능을 개선합니다',
        '데이터베이스 스키마를 설계하고 쿼리를 최적화합니다',
        '코드 리뷰와 테스트 자동화로 코드 품질을 관리합니다',
        '사내 개발 플랫폼과 공통 라이브러리를 개발합니다',
        '운영 모니터링 지표를 정의하고 알림을 구성합니다',
      ],
      en: [
        'Design and build APIs that serve millions of requests per day',
        'Own domain models of services in our microservice architecture',
        'Build event-driven pipelines on Kafka for asynchronous processing',
        'Investigate production incidents and improve performance',
        'Design database schemas and tune slow queries',
        'Keep code quality high through reviews and automated tests',
        'Contribute to our internal developer platform and shared libraries',
        'Define service metrics and set up alerting for on-call',
      ],
    },
    requirements: {
      ko: [
        'Java 또는 Kotlin 기반 서버 개발 경험이 있으신 분',
        'Spring Boot와 JPA를 활용한 서비스 개발 경험이 있으신 분',
        'MySQL 등 RDBMS 설계 및 운영 경험이 있으신 분',
        'RESTful API 설계 원칙을 이해하고 계신 분',
        'Git 기반 협업과 코드 리뷰에 익숙하신 분',
        '테스트 코드 작성을 습관화하신 분',
        '동료와 적극적으로 소통하며 문제를 해결하시는 분',
        '객체지향 설계에 대한 이해가 깊으신 분',
      ],
      en: [
        'Experience building backend services in Java or Kotlin',
        'Hands-on experience with Spring Boot and JPA',
        'Solid knowledge of relational databases such as MySQL or PostgreSQL',
        'Understanding of RESTful API design principles',
        'Comfortable with Git-based workflows and code review',
        'You write tests as part of every change',
        'Clear communication with product and design partners',
        'Strong grasp of object-oriented design',
      ],
    },
    preferred: {
      ko: [
        'Kafka, Redis 운영 경험',
        'Kubernetes 환경에서 서비스를 배포해 본 경험',
        'AWS 클라우드 서비스 활용 경험',
        '대용량 데이터 처리 경험',
        '오픈소스 기여 경험',
        'DDD 기반 설계 경험',
      ],
      en: [
        'Operating Kafka or Redis in production',
        'Deploying services on Kubernetes',
        'Experience with AWS services',
        'Processing large volumes of data',
        'Open source contributions',
        'Experience with domain-driven design',
      ],
    },
    tags: ['Java', 'Kotlin', 'Spring Boot', 'MySQL', 'Kafka'],
  },
  {
    id: 'frontend',
    title: { ko: '프론트엔드 개발자', en: 'Frontend Engineer' },
    responsibilities: {
      ko: [
        'React 기반 웹 서비스의 화면과 기능을 개발합니다',
        '디자인 시스템 컴포넌트를 설계하고 개발합니다',
        '웹 성능 지표를 측정하고 개선합니다',
        '프론트엔드 빌드와 배포 파이프라인을 관리합니다',
        '디자이너, 백엔드 개발자와 함께 API 스펙을 정의합니다',
        '접근성과 크로스 브라우징 이슈를 해결합니다',
        '상태 관리 구조를 설계하고 리팩터링합니다',
        '사용자 행동 로그를 설계하고 분석합니다',
      ],
      en: [
        'Build product features in our React web application',
        'Design and develop components for our design system',
        'Measure and improve web performance metrics',
        'Maintain our frontend build and deployment pipeline',
        'Define API contracts together with designers and backend engineers',
        'Fix accessibility and cross-browser issues',
        'Design and refactor our state management',
        'Instrument user events and analyse them',
      ],
    },
    requirements: {
      ko: [
        'React와 TypeScript를 활용한 개발 경험이 있으신 분',
        'HTML, CSS, JavaScript에 대한 깊은 이해가 있으신 분',
        '컴포넌트 단위 설계 경험이 있으신 분',
        '웹 브라우저 동작 원리를 이해하고 계신 분',
        'REST API 연동 경험이 있으신 분',
        '테스트 도구를 활용한 테스트 작성 경험이 있으신 분',
        '사용자 경험에 관심이 많으신 분',
        '협업 도구를 활용한 커뮤니케이션에 익숙하신 분',
      ],
      en: [
        'Experience with React and TypeScript',
        'Deep understanding of HTML, CSS and JavaScript',
        'Experience designing reusable components',
        'Understanding of how browsers render pages',
        'Experience integrating REST APIs',
        'Experience writing tests with Jest or Testing Library',
        'You care about user experience',
        'Comfortable collaborating across teams',
      ],
    },
    preferred: {
      ko: [
        'Next.js 기반 SSR 경험',
        'GraphQL 사용 경험',
        '모노레포 운영 경험',
        'Storybook 기반 문서화 경험',
        '웹 접근성 개선 경험',
        '애니메이션 라이브러리 활용 경험',
      ],
      en: [
        'Server-side rendering with Next.js',
        'Experience with GraphQL',
        'Running a monorepo',
        'Documenting components with Storybook',
        'Improving web accessibility',
        'Building rich animations',
      ],
    },
    tags: ['React', 'TypeScript', 'Next.js'],
  },
  {
    id: 'data',
    title: { ko: '데이터 엔지니어', en: 'Data Engineer' },
    responsibilities: {
      ko: [
        '배치 및 스트리밍 데이터 파이프라인을 설계하고 운영합니다',
        '데이터 웨어하우스 모델을 설계합니다',
        'Airflow 기반 워크플로를 개발합니다',
        '데이터 품질 검증 체계를 구축합니다',
        '분석가와 함께 지표 정의를 표준화합니다',
        '로그 수집 인프라를 운영합니다',
        '데이터 접근 권한과 거버넌스를 관리합니다',
        '파이프라인 비용을 분석하고 최적화합니다',
      ],
      en: [
        'Design and operate batch and streaming data pipelines',
        'Model our data warehouse',
        'Build workflows on Airflow',
        'Build data quality checks',
        'Standardise metric definitions with analysts',
        'Operate our log collection infrastructure',
        'Manage data access and governance',
        'Analyse and reduce pipeline costs',
      ],
    },
    requirements: {
      ko: [
        'Python 또는 Scala를 활용한 데이터 처리 경험이 있으신 분',
        'SQL에 능숙하신 분',
        'Spark 등 분산 처리 프레임워크 경험이 있으신 분',
        '데이터 모델링 경험이 있으신 분',
        'Airflow 등 워크플로 도구 사용 경험이 있으신 분',
        '클라우드 데이터 서비스 사용 경험이 있으신 분',
        '데이터 품질에 대한 책임감이 있으신 분',
        '문서화를 잘 하시는 분',
      ],
      en: [
        'Data processing in Python or Scala',
        'Fluent SQL',
        'Experience with Spark or another distributed engine',
        'Data modelling experience',
        'Experience with Airflow or a similar orchestrator',
        'Experience with cloud data services',
        'You take ownership of data quality',
        'You write clear documentation',
      ],
    },
    preferred: {
      ko: [
        'Kafka, Flink 기반 스트림 처리 경험',
        'dbt 사용 경험',
        'BigQuery 또는 Snowflake 운영 경험',
        'Kubernetes 환경 운영 경험',
        '데이터 카탈로그 구축 경험',
        'Terraform 사용 경험',
      ],
      en: [
        'Stream processing with Kafka or Flink',
        'Experience with dbt',
        'Running BigQuery or Snowflake',
        'Operating workloads on Kubernetes',
        'Building a data catalog',
        'Infrastructure as code with Terraform',
      ],
    },
    tags: ['Python', 'Spark', 'Airflow', 'SQL'],
  },
  {
    id: 'ml',
    title: { ko: '머신러닝 엔지니어', en: 'Machine Learning Engineer' },
    responsibilities: {
      ko: [
        '추천 모델을 학습하고 서빙합니다',
        '모델 학습 파이프라인을 자동화합니다',
        '피처 스토어를 설계하고 운영합니다',
        'A/B 테스트로 모델 성능을 검증합니다',
        '모델 추론 지연 시간을 최적화합니다',
        '데이터 수집과 라벨링 프로세스를 개선합니다',
        '최신 논문을 조사하고 서비스에 적용합니다',
        '모델 모니터링 지표를 정의합니다',
      ],
      en: [
        'Train and serve recommendation models',
        'Automate model training pipelines',
        'Design and run our feature store',
        'Validate models through A/B tests',
        'Optimise model inference latency',
        'Improve data collection and labelling',
        'Follow recent research and bring it to the product',
        'Define model monitoring metrics',
      ],
    },
    requirements: {
      ko: [
        'Python과 PyTorch 또는 TensorFlow 사용 경험이 있으신 분',
        '머신러닝 모델을 서비스에 적용한 경험이 있으신 분',
        '통계와 선형대수에 대한 이해가 있으신 분',
        '대용량 데이터 처리 경험이 있으신 분',
        'Docker 기반 배포 경험이 있으신 분',
        'SQL 사용에 능숙하신 분',
        '실험 결과를 명확하게 공유하시는 분',
        '문제를 스스로 정의하고 해결하시는 분',
      ],
      en: [
        'Experience with Python and PyTorch or TensorFlow',
        'Shipped machine learning models to production',
        'Understanding of statistics and linear algebra',
        'Experience processing large datasets',
        'Deploying with Docker',
        'Comfortable with SQL',
        'You share experiment results clearly',
        'You define problems and drive them to solutions',
      ],
    },
    preferred: {
      ko: [
        'Kubeflow 또는 MLflow 사용 경험',
        'LLM 파인튜닝 경험',
        'GPU 클러스터 운영 경험',
        '추천 시스템 개발 경험',
        '논문 게재 경험',
        'Triton 등 추론 서버 사용 경험',
      ],
      en: [
        'Experience with Kubeflow or MLflow',
        'Fine-tuning large language models',
        'Operating GPU clusters',
        'Building recommender systems',
        'Published research',
        'Serving with Triton or a similar inference server',
      ],
    },
    tags: ['Python', 'PyTorch', 'MLflow'],
  },
  {
    id: 'devops',
    title: { ko: 'DevOps 엔지니어', en: 'DevOps Engineer' },
    responsibilities: {
      ko: [
        'AWS 기반 클라우드 인프라를 설계하고 운영합니다',
        'Kubernetes 클러스터를 운영합니다',
        'CI/CD 파이프라인을 구축하고 개선합니다',
        'Terraform으로 인프라를 코드로 관리합니다',
        '모니터링과 로깅 시스템을 운영합니다',
        '보안 정책과 접근 제어를 관리합니다',
        '장애 대응 프로세스를 개선합니다',
        '클라우드 비용을 분석하고 최적화합니다',
      ],
      en: [
        'Design and run our cloud infrastructure on AWS',
        'Operate our Kubernetes clusters',
        'Build and improve CI/CD pipelines',
        'Manage infrastructure as code with Terraform',
        'Run our monitoring and logging stack',
        'Manage security policies and access control',
        'Improve our incident response process',
        'Analyse and optimise cloud costs',
      ],
    },
    requirements: {
      ko: [
        'Linux 시스템 운영 경험이 있으신 분',
        'AWS 또는 GCP 운영 경험이 있으신 분',
        'Docker와 Kubernetes 사용 경험이 있으신 분',
        '스크립트 언어로 자동화 도구를 개발해 보신 분',
        'CI/CD 도구 사용 경험이 있으신 분',
        '네트워크 기본 지식이 있으신 분',
        '장애 상황에서 침착하게 원인을 분석하시는 분',
        '개발자와 원활하게 협업하시는 분',
      ],
      en: [
        'Experience operating Linux systems',
        'Experience running workloads on AWS or GCP',
        'Hands-on with Docker and Kubernetes',
        'You automate with scripts in Python, Go or Bash',
        'Experience with CI/CD tools',
        'Networking fundamentals',
        'Calm, structured incident analysis',
        'You work well with developers',
      ],
    },
    preferred: {
      ko: [
        'Prometheus, Grafana 운영 경험',
        'Helm, ArgoCD 사용 경험',
        '서비스 메시 운영 경험',
        'Go 언어 개발 경험',
        '보안 인증 대응 경험',
        '멀티 리전 아키텍처 경험',
      ],
      en: [
        'Running Prometheus and Grafana',
        'Experience with Helm and Argo CD',
        'Operating a service mesh',
        'Writing Go',
        'Security compliance work',
        'Multi-region architectures',
      ],
    },
    tags: ['AWS', 'Kubernetes', 'Terraform'],
  },
  {
    id: 'android',
    title: { ko: '안드로이드 개발자', en: 'Android Engineer' },
    responsibilities: {
      ko: [
        '안드로이드 앱의 신규 기능을 개발합니다',
        'Jetpack Compose로 UI를 전환합니다',
        '앱 아키텍처를 설계하고 개선합니다',
        '앱 성능과 안정성을 모니터링하고 개선합니다',
        '테스트 자동화 환경을 구축합니다',
        '디자이너와 함께 사용자 경험을 개선합니다',
        '앱 배포 프로세스를 관리합니다',
        '공통 모듈과 라이브러리를 개발합니다',
      ],
      en: [
        'Build new features in our Android app',
        'Migrate our UI to Jetpack Compose',
        'Design and improve the app architecture',
        'Monitor and improve app performance and stability',
        'Set up automated testing',
        'Improve the user experience with designers',
        'Manage app releases',
        'Build shared modules and libraries',
      ],
    },
    requirements: {
      ko: [
        'Kotlin 기반 안드로이드 앱 개발 경험이 있으신 분',
        '안드로이드 컴포넌트와 생명주기를 이해하고 계신 분',
        'MVVM 등 아키텍처 패턴 경험이 있으신 분',
        'Coroutine을 활용한 비동기 처리 경험이 있으신 분',
        'Git 기반 협업 경험이 있으신 분',
        '앱 출시 경험이 있으신 분',
        '코드 리뷰를 즐기시는 분',
        '사용자 피드백에 귀 기울이시는 분',
      ],
      en: [
        'Experience building Android apps in Kotlin',
        'Understanding of Android components and lifecycles',
        'Experience with MVVM or similar architectures',
        'Asynchronous code with coroutines',
        'Git-based collaboration',
        'You have shipped apps to the Play Store',
        'You enjoy code review',
        'You listen to user feedback',
      ],
    },
    preferred: {
      ko: [
        'Jetpack Compose 실무 경험',
        '멀티 모듈 프로젝트 경험',
        'CI 환경 구축 경험',
        'Flutter 개발 경험',
        '결제 연동 경험',
        '접근성 대응 경험',
      ],
      en: [
        'Jetpack Compose in production',
        'Multi-module projects',
        'Setting up CI for mobile',
        'Experience with Flutter',
        'Payment integrations',
        'Accessibility work on mobile',
      ],
    },
    tags: ['Kotlin', 'Android', 'Jetpack Compose'],
  },
];

/** A related role whose title shares a word with 'data' (Data Engineer vs Data Analyst). */
const ANALYST: RoleTemplate = {
  id: 'analyst',
  title: { ko: '데이터 분석가', en: 'Data Analyst' },
  responsibilities: {
    ko: [
      '서비스 핵심 지표를 정의하고 대시보드를 만듭니다',
      'A/B 테스트를 설계하고 결과를 분석합니다',
      '사용자 행동 데이터를 분석해 개선안을 제안합니다',
      '데이터 웨어하우스 모델을 설계합니다',
      '분석 리포트를 작성하고 공유합니다',
      '데이터 품질 검증 체계를 구축합니다',
    ],
    en: [
      'Define core product metrics and build dashboards',
      'Design A/B tests and analyse their results',
      'Analyse user behaviour and propose improvements',
      'Model our data warehouse',
      'Write and share analysis reports',
      'Build data quality checks',
    ],
  },
  requirements: {
    ko: [
      'SQL에 능숙하신 분',
      'Python 또는 R을 활용한 분석 경험이 있으신 분',
      '통계적 가설 검정을 이해하고 계신 분',
      'Tableau 등 BI 도구 사용 경험이 있으신 분',
      '분석 결과를 쉽게 설명하시는 분',
      '문서화를 잘 하시는 분',
    ],
    en: [
      'Fluent SQL',
      'Analysis in Python or R',
      'Understanding of statistical hypothesis testing',
      'Experience with Tableau or another BI tool',
      'You explain findings simply',
      'You write clear documentation',
    ],
  },
  preferred: {
    ko: ['dbt 사용 경험', '머신러닝 모델링 경험', '커머스 도메인 경험', 'Amplitude 사용 경험'],
    en: [
      'Experience with dbt',
      'Machine learning modelling',
      'E-commerce domain experience',
      'Experience with Amplitude',
    ],
  },
  tags: ['SQL', 'Python', 'Tableau'],
};

interface Team {
  name: Record<Lang, string>;
  lines: Record<Lang, string[]>;
}

const TEAMS: Team[] = [
  {
    name: { ko: '결제', en: 'Payments' },
    lines: {
      ko: [
        '간편결제와 정산 시스템을 개발합니다',
        'PG사 연동과 결제 승인 흐름을 개선합니다',
        '정산 데이터의 정합성을 검증합니다',
      ],
      en: [
        'Build our checkout and settlement systems',
        'Integrate payment gateways and improve authorisation flows',
        'Reconcile settlement data',
      ],
    },
  },
  {
    name: { ko: '검색', en: 'Search' },
    lines: {
      ko: [
        '검색 색인과 랭킹 시스템을 개발합니다',
        'Elasticsearch 클러스터를 운영합니다',
        '검색 품질 지표를 개선합니다',
      ],
      en: [
        'Build our search indexing and ranking',
        'Operate our Elasticsearch clusters',
        'Improve search quality metrics',
      ],
    },
  },
  {
    name: { ko: '광고', en: 'Ads' },
    lines: {
      ko: ['광고 입찰과 노출 시스템을 개발합니다', '광고 성과 리포트를 제공합니다', '광고 타게팅 기능을 개발합니다'],
      en: ['Build our ad bidding and serving systems', 'Deliver ad performance reports', 'Build ad targeting features'],
    },
  },
  {
    name: { ko: '플랫폼', en: 'Platform' },
    lines: {
      ko: ['사내 공통 플랫폼을 개발합니다', '인증과 권한 시스템을 운영합니다', '개발 생산성 도구를 만듭니다'],
      en: [
        'Build shared platform services',
        'Run authentication and authorisation',
        'Build developer productivity tools',
      ],
    },
  },
  {
    name: { ko: '커머스', en: 'Commerce' },
    lines: {
      ko: ['상품과 주문 도메인을 개발합니다', '재고 관리 시스템을 개선합니다', '프로모션 기능을 개발합니다'],
      en: ['Build our catalogue and order domains', 'Improve inventory management', 'Build promotion features'],
    },
  },
  {
    name: { ko: '물류', en: 'Logistics' },
    lines: {
      ko: ['배송 경로 최적화 시스템을 개발합니다', '물류센터 운영 도구를 만듭니다', '배송 추적 기능을 개선합니다'],
      en: ['Build delivery route optimisation', 'Build tools for our fulfilment centres', 'Improve shipment tracking'],
    },
  },
];

interface Company {
  names: string[];
  intro: Record<Lang, string>;
  benefits: Record<Lang, string[]>;
  location: Record<Lang, string>;
}

const COMPANIES: Company[] = [
  ['(주)테크맵', '테크맵', '주식회사 테크맵'],
  ['(주)스트림웍스', '스트림웍스', '스트림웍스 주식회사'],
  ['주식회사 페이로드', '페이로드', '(주)페이로드'],
  ['(주)커넥트랩', '커넥트랩', '커넥트랩 주식회사'],
  ['Acme Robotics, Inc.', 'Acme Robotics', 'Acme Robotics Inc.'],
  ['Northwind Labs', 'Northwind Labs, Inc.', 'Northwind Labs'],
  ['Daybreak Health Corp.', 'Daybreak Health', 'Daybreak Health, Inc.'],
  ['Bluefin Data Ltd.', 'Bluefin Data', 'Bluefin Data Ltd'],
].map((names, i) => ({
  names,
  intro: {
    ko: `${names[1]}는 ${['개발자 채용', '실시간 데이터', '간편 결제', '커뮤니티', '로봇', '물류', '헬스케어', '데이터 분석'][i]} 분야의 서비스를 만드는 회사입니다. 2018년 설립 이후 빠르게 성장하고 있습니다.`,
    en: `${names[1]} builds software for ${['hiring', 'real-time data', 'payments', 'communities', 'warehouse robots', 'logistics', 'hospitals', 'analytics'][i]}. Founded in 2018, we are a team of 120 people growing fast.`,
  },
  benefits: {
    ko: ['유연 근무제', '점심 식대 지원', '최신 장비 지원', '도서 구입비 지원', '건강검진 지원'],
    en: [
      'Flexible hours',
      'Health, dental and vision insurance',
      'Latest hardware',
      'Learning budget',
      'Paid parental leave',
    ],
  },
  location: { ko: '서울 강남구 테헤란로 427', en: 'San Francisco, CA' },
}));

const LEVELS: Record<Lang, Record<string, string>> = {
  ko: { mid: '', senior: '시니어', junior: '주니어', lead: '리드' },
  en: { mid: '', senior: 'Senior', junior: 'Junior', lead: 'Lead' },
};

const EXPERIENCE_LINE: Record<Lang, Record<string, string>> = {
  ko: {
    mid: '관련 경력 3년 이상이신 분',
    senior: '관련 경력 7년 이상이신 분',
    junior: '관련 경력 1년 이상 또는 그에 준하는 역량을 갖추신 분',
    lead: '관련 경력 10년 이상, 팀 리딩 경험이 있으신 분',
  },
  en: {
    mid: '3+ years of professional experience',
    senior: '7+ years of professional experience',
    junior: '1+ years of experience or equivalent projects',
    lead: '10+ years of experience including leading a team',
  },
};

/** Lines a board adds or an employer edits when posting again. */
const EXTRA_LINES: Record<Lang, string[]> = {
  ko: [
    '포트폴리오 제출 시 우대합니다',
    '해외 여행에 결격 사유가 없으신 분',
    '수습 기간 3개월이 있습니다',
    '즉시 입사 가능하신 분',
    '영어 문서 독해에 어려움이 없으신 분',
  ],
  en: [
    'Authorised to work in the country of the role',
    'Willingness to travel occasionally',
    'Available to start within a month',
    'Fluent written English',
    'Comfortable with an on-call rotation',
  ],
};

// ---- deterministic randomness ----

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function sample<T>(rnd: () => number, xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

// ---- a posting's content, independent of any board ----

export interface PostingContent {
  lang: Lang;
  company: Company;
  role: RoleTemplate;
  team: Team | null;
  level: string;
  /** Whether the team is named in the title. */
  teamInTitle: boolean;
  /** Whether the title names the role's main technology. */
  techInTitle?: boolean;
  responsibilities: string[];
  requirements: string[];
  preferred: string[];
}

function content(
  rnd: () => number,
  lang: Lang,
  company: Company,
  role: RoleTemplate,
  team: Team | null,
  level: string,
  teamInTitle: boolean,
): PostingContent {
  const resp = [...(team ? team.lines[lang] : []), ...sample(rnd, role.responsibilities[lang], 4)];
  const req = [EXPERIENCE_LINE[lang][level]!, ...sample(rnd, role.requirements[lang], 4)];
  const pref = sample(rnd, role.preferred[lang], 3);
  return { lang, company, role, team, level, teamInTitle, responsibilities: resp, requirements: req, preferred: pref };
}

/** The same posting as an employer re-posts it on another board: small edits. */
function edited(rnd: () => number, c: PostingContent): PostingContent {
  const lists = {
    responsibilities: [...c.responsibilities],
    requirements: [...c.requirements],
    preferred: [...c.preferred],
  };
  const keys = ['responsibilities', 'requirements', 'preferred'] as const;
  const edits = 1 + Math.floor(rnd() * 3);
  for (let e = 0; e < edits; e++) {
    const list = lists[pick(rnd, keys)];
    const kind = rnd();
    if (kind < 0.3 && list.length > 2) list.splice(Math.floor(rnd() * list.length), 1);
    else if (kind < 0.6) list.splice(Math.floor(rnd() * (list.length + 1)), 0, pick(rnd, EXTRA_LINES[c.lang]));
    else if (kind < 0.8 && list.length > 1) {
      const i = Math.floor(rnd() * (list.length - 1));
      [list[i], list[i + 1]] = [list[i + 1]!, list[i]!];
    } else {
      const i = Math.floor(rnd() * list.length);
      list[i] = c.lang === 'ko' ? `${list[i]} (필수)` : `${list[i]} (required)`;
    }
  }
  return { ...c, ...lists };
}

function title(rnd: () => number, c: PostingContent, company: string): string {
  const level = LEVELS[c.lang][c.level]!;
  // Some employers name the main technology in one board's title only: 'Backend Engineer (Kotlin)'.
  const role = c.techInTitle ? `${c.role.title[c.lang]} (${c.role.tags[0]})` : c.role.title[c.lang];
  const team = c.team && c.teamInTitle ? c.team.name[c.lang] : null;
  const base = [level, role].filter(Boolean).join(' ');
  if (c.lang === 'ko') {
    const forms = team
      ? [`[${company}] ${base} (${team})`, `${base} - ${team}`, `[${team}] ${base} 경력 채용`, `${team} ${base} 모집`]
      : [`[${company}] ${base}`, `${base} 채용`, `${base} 경력직 모집`, base];
    return pick(rnd, forms);
  }
  const forms = team
    ? [`${base}, ${team}`, `${base} (${team})`, `${base} - ${team} - Remote`, `${base} | ${team}`]
    : [base, `${base} (Remote)`, `${base} - Full-time`, `${base}`];
  return pick(rnd, forms);
}

// ---- rendering into board formats ----

let nextId = 1000;

function raw(board: string, boardPostingId: string, body: unknown, fetchedAt: number): RawPosting {
  return {
    board,
    boardPostingId,
    change: 'NEW',
    url: `https://${board}.example/${boardPostingId}`,
    sourceUrl: `https://api.${board}.example/${boardPostingId}`,
    fetchedAt,
    httpStatus: 200,
    contentType: 'application/json',
    body: Buffer.from(JSON.stringify(body), 'utf8'),
    listEntry: null,
    contentHash: 'x',
    etag: null,
    lastModified: null,
    crawlRunId: 'labelled-set',
  };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const li = (xs: string[]) => xs.map((x) => `<li>${escapeHtml(x)}</li>`).join('');

function render(rnd: () => number, c: PostingContent, board: string, fetchedAt: number): RawPosting {
  const id = String(nextId++);
  const companyName = pick(rnd, c.company.names);
  const t = title(rnd, c, c.company.names[1]!);
  const years = { mid: [3, 7], senior: [7, 15], junior: [1, 3], lead: [10, 20] }[c.level as 'mid']!;
  switch (board) {
    case 'wanted':
      return raw(
        board,
        id,
        {
          job: {
            id: Number(id),
            position: t,
            due_time: null,
            annual_from: years[0],
            annual_to: years[1],
            company: { id: 1, name: companyName },
            address: { country: '한국', location: '서울', district: '강남구', full_location: c.company.location.ko },
            skill_tags: c.role.tags.map((title) => ({ title })),
            detail: {
              intro: c.company.intro.ko,
              main_tasks: c.responsibilities.map((x) => `• ${x}`).join('\n'),
              requirements: c.requirements.map((x) => `• ${x}`).join('\n'),
              preferred_points: c.preferred.map((x) => `• ${x}`).join('\n'),
              benefits: c.company.benefits.ko.map((x) => `• ${x}`).join('\n'),
            },
          },
        },
        fetchedAt,
      );
    case 'jumpit':
      return raw(
        board,
        id,
        {
          result: {
            id: Number(id),
            title: t,
            companyName,
            techStacks: c.role.tags.map((stack) => ({ stack })),
            serviceInfo: c.company.intro.ko,
            responsibility: c.responsibilities.map((x) => `- ${x}`).join('\r\n'),
            qualifications: c.requirements.map((x) => `- ${x}`).join('\r\n'),
            preferredRequirements: c.preferred.map((x) => `- ${x}`).join('\r\n'),
            welfares: c.company.benefits.ko.map((x) => `- ${x}`).join('\r\n'),
            newcomer: false,
            minCareer: years[0],
            maxCareer: years[1],
            alwaysOpen: true,
            location: c.company.location.ko,
          },
        },
        fetchedAt,
      );
    case 'programmers':
      return raw(
        board,
        id,
        {
          jobPosition: {
            id: Number(id),
            title: t,
            company: { id: 1, name: companyName },
            address: c.company.location.ko,
            career: `${years[0]}-${years[1]}`,
            jobType: 'fulltime',
            endAt: null,
            technicalTags: c.role.tags.map((name) => ({ name })),
            description: `## 주요 업무\n${c.responsibilities.map((x) => `* ${x}`).join('\n')}`,
            requirement: c.requirements.map((x) => `* ${x}`).join('\n'),
            preferredExperience: c.preferred.map((x) => `* ${x}`).join('\n'),
            additionalInformation: `## 복지\n${c.company.benefits.ko.map((x) => `* ${x}`).join('\n')}`,
          },
        },
        fetchedAt,
      );
    case 'greenhouse': {
      const html =
        `<div class="content-intro"><p>${escapeHtml(c.company.intro.en)}</p></div>` +
        `<h3>What You'll Do</h3><ul>${li(c.responsibilities)}</ul>` +
        `<h3>What We're Looking For</h3><ul>${li(c.requirements)}</ul>` +
        `<h3>Nice to Have</h3><ul>${li(c.preferred)}</ul>` +
        `<div class="content-conclusion"><h3>Benefits</h3><ul>${li(c.company.benefits.en)}</ul></div>`;
      return raw(
        board,
        `acme/${id}`,
        {
          id: Number(id),
          title: t,
          company_name: companyName,
          absolute_url: `https://job-boards.greenhouse.io/acme/jobs/${id}`,
          location: { name: c.company.location.en },
          content: escapeHtml(html).replace(/"/g, '&quot;'),
          departments: [{ id: 1, name: 'Engineering' }],
        },
        fetchedAt,
      );
    }
    case 'lever':
      return raw(
        board,
        `acme/${id}`,
        {
          id,
          text: t,
          company: companyName,
          categories: { location: c.company.location.en, commitment: 'Full-time', team: 'Engineering' },
          description: `<div>${escapeHtml(c.company.intro.en)}</div>`,
          lists: [
            { text: 'Responsibilities', content: li(c.responsibilities) },
            { text: 'Requirements', content: li(c.requirements) },
            { text: 'Bonus points', content: li(c.preferred) },
          ],
          additional: `<div><b>Perks</b></div><ul>${li(c.company.benefits.en)}</ul>`,
          hostedUrl: `https://jobs.lever.co/acme/${id}`,
          workplaceType: 'hybrid',
          createdAt: fetchedAt,
        },
        fetchedAt,
      );
    default:
      return raw(
        'remoteok',
        id,
        {
          id,
          company: companyName,
          position: t,
          tags: c.role.tags.map((x) => x.toLowerCase()),
          location: c.company.location.en,
          description:
            `<p>${escapeHtml(c.company.intro.en)}</p><p><strong>Responsibilities</strong></p><ul>${li(c.responsibilities)}</ul>` +
            `<p><strong>Requirements</strong></p><ul>${li(c.requirements)}</ul>` +
            `<p><strong>Nice to have</strong></p><ul>${li(c.preferred)}</ul>` +
            `<p><strong>Benefits</strong></p><ul>${li(c.company.benefits.en)}</ul>`,
          epoch: Math.floor(fetchedAt / 1000),
        },
        fetchedAt,
      );
  }
}

const BOARDS: Record<Lang, string[]> = {
  ko: ['wanted', 'jumpit', 'programmers'],
  en: ['greenhouse', 'lever', 'remoteok'],
};

export interface LabelledPair {
  a: SilverPosting;
  b: SilverPosting;
  /** The raw records a and b were refined from. */
  raw: [RawPosting, RawPosting];
  same: boolean;
  /** What made the pair: 'reposted' for duplicates; 'level', 'team', 'same-title', 'related-role' for the rest. */
  kind: 'reposted' | 'level' | 'team' | 'same-title' | 'related-role';
}

/**
 * `n` pairs, half duplicates and half different jobs of one company with similar titles, Korean and English
 * alternating. Deterministic for a seed.
 */
export function labelledPairs(n = 240, seed = 20260910): LabelledPair[] {
  const rnd = seededRandom(seed);
  nextId = 1000;
  const refine = (r: RawPosting) => refineRawPosting(r, { now: () => 0 });
  const out: LabelledPair[] = [];
  const t0 = Date.UTC(2026, 8, 1);
  for (let i = 0; i < n; i++) {
    const lang: Lang = i % 2 === 0 ? 'ko' : 'en';
    const company = COMPANIES[(lang === 'ko' ? 0 : 4) + Math.floor(rnd() * 4)]!;
    const role = pick(rnd, ROLES);
    const [boardA, boardB] = sample(rnd, BOARDS[lang], 2) as [string, string];
    const level = pick(rnd, ['mid', 'mid', 'senior', 'junior']);
    const team = rnd() < 0.8 ? pick(rnd, TEAMS) : null;
    const teamInTitle = rnd() < 0.6;
    const base = content(rnd, lang, company, role, team, level, teamInTitle);
    const fetchedA = t0 + Math.floor(rnd() * 7) * 86_400_000;
    const fetchedB = fetchedA + Math.floor(rnd() * 7) * 86_400_000;
    if (i % 4 < 2) {
      // The same job posted on two boards.
      const rawA = render(rnd, rnd() < 0.5 ? edited(rnd, base) : base, boardA, fetchedA);
      const rawB = render(rnd, { ...edited(rnd, base), techInTitle: rnd() < 0.2 }, boardB, fetchedB);
      out.push({ a: refine(rawA), b: refine(rawB), raw: [rawA, rawB], same: true, kind: 'reposted' });
      continue;
    }
    const kinds: LabelledPair['kind'][] = ['level', 'team', 'same-title', 'same-title', 'related-role'];
    const kind = pick(rnd, kinds);
    let other: PostingContent;
    if (kind === 'level') {
      const otherLevel = pick(
        rnd,
        ['senior', 'lead', 'junior'].filter((l) => l !== level),
      );
      other = content(rnd, lang, company, role, rnd() < 0.5 ? team : pick(rnd, TEAMS), otherLevel, rnd() < 0.5);
    } else if (kind === 'team') {
      const otherTeam = pick(
        rnd,
        TEAMS.filter((t) => t !== team),
      );
      other = content(rnd, lang, company, role, otherTeam, level, teamInTitle);
    } else if (kind === 'same-title') {
      // Another team's opening under the very same title (teams not named in either title).
      const otherTeam = pick(
        rnd,
        TEAMS.filter((t) => t !== team),
      );
      base.teamInTitle = false;
      other = content(rnd, lang, company, role, otherTeam, level, false);
    } else {
      const related = role.id === 'data' ? ANALYST : pick(rnd, [ANALYST, ...ROLES.filter((r) => r !== role)]);
      other = content(rnd, lang, company, related, team, level, teamInTitle);
    }
    const rawA = render(rnd, base, boardA, fetchedA);
    const rawB = render(rnd, other, boardB, fetchedB);
    out.push({ a: refine(rawA), b: refine(rawB), raw: [rawA, rawB], same: false, kind });
  }
  return out;
}

// ---- measuring ----

export interface Quality {
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

function quality(tp: number, fp: number, fn: number, tn: number): Quality {
  return { pairs: tp + fp + fn + tn, tp, fp, fn, tn, precision: tp / (tp + fp), recall: tp / (tp + fn) };
}

/** Pair by pair: is each labelled pair judged the same job? */
export function pairQuality(
  pairs: LabelledPair[],
  settings: DedupSettings = defaultDedupSettings,
): Quality & { byKind: Record<string, { pairs: number; judgedSame: number }> } {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const byKind: Record<string, { pairs: number; judgedSame: number }> = {};
  for (const p of pairs) {
    const same = compareFingerprints(fingerprint(p.a, settings), fingerprint(p.b, settings), settings).same;
    if (p.same && same) tp++;
    else if (p.same) fn++;
    else if (same) fp++;
    else tn++;
    const k = (byKind[p.kind] ??= { pairs: 0, judgedSame: 0 });
    k.pairs++;
    if (same) k.judgedSame++;
  }
  return { ...quality(tp, fp, fn, tn), byKind };
}

/**
 * As a stream: every posting of the set through dedupPosting in fetch order, one state per company (8 companies,
 * 60 postings each), then every pair of postings: same canonical posting vs same job.
 */
export function streamQuality(pairs: LabelledPair[], settings: DedupSettings = defaultDedupSettings): Quality {
  const truth = new Map<string, string>();
  const postings: SilverPosting[] = [];
  pairs.forEach((p, i) => {
    truth.set(p.a.postingId, p.same ? `same${i}` : `a${i}`);
    truth.set(p.b.postingId, p.same ? `same${i}` : `b${i}`);
    postings.push(p.a, p.b);
  });
  postings.sort((x, y) => x.version - y.version || x.postingId.localeCompare(y.postingId));
  const states = new Map<string, DedupState>();
  const canonical = new Map<string, string>();
  for (const p of postings) {
    const r = dedupPosting(states.get(p.company.id), p, settings);
    states.set(p.company.id, r.state);
    canonical.set(p.postingId, r.output.postingId);
  }
  const ids = [...truth.keys()];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const same = truth.get(ids[i]!) === truth.get(ids[j]!);
      const merged = canonical.get(ids[i]!) === canonical.get(ids[j]!);
      if (same && merged) tp++;
      else if (same) fn++;
      else if (merged) fp++;
      else tn++;
    }
  }
  return quality(tp, fp, fn, tn);
}
