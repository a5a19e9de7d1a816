// npm run bench -- extraction
// Skill extraction speed on ~3 KB synthetic postings (Korean and English, realistic headings and filler, ~25 technology
// mentions each) with the full taxonomy, on one core: postings/s of extractSkills (one token-trie scan per section),
// of the whole rules core (skills + job field + seniority), and of a naive baseline measured in the same run that
// runs one case-insensitive, word-bounded regular expression per alias over the same texts. Prints both and the ratio.
// Throughput per core is postings per second of this process's CPU time (the machine may be shared); wall-clock
// throughput is printed beside it.
import { cpus, loadavg } from 'node:os';
import { loadTaxonomy, type Technology } from '../taxonomy';
import { createRulesEnricher } from '../processors/enrich/rules';
import { createSkillExtractor, sectionNames, type ExtractInput, type SectionName } from '../processors/enrich/skills';
import { seededRandom } from '../producers/demo-board/prng';
import type { BenchResult } from './types';

const TARGET_BYTES = 3000;

const KO_FILLER = [
  '서비스의 안정적인 운영과 성능 개선을 함께 고민합니다.',
  '인터뷰와 코드 리뷰를 통해 서로 배우는 문화를 만들어 갑니다.',
  '대규모 트래픽을 처리하는 시스템을 설계하고 개발한 경험이 있으신 분',
  '주도적으로 문제를 발견하고 해결 방법을 제안할 수 있으신 분',
  '다양한 직군과 원활하게 커뮤니케이션할 수 있으신 분',
  '자율 출퇴근제와 원격 근무를 지원하며 최신 장비를 제공합니다.',
  '도서 구입비와 교육비, 컨퍼런스 참가비를 지원합니다.',
];
const EN_FILLER = [
  'You will design, build and operate services used by millions of people every day.',
  'We value clear communication, ownership and a pragmatic approach to problem solving.',
  'Experience shipping production software in a collaborative team environment.',
  'Go to market together with product and design, and iterate quickly on feedback.',
  'Competitive salary, equity, flexible hours and a generous learning budget.',
  'You care about code quality, testing and observability of the systems you own.',
];
const KO_PARTICLES = ['', '를', '와', '과', '로', '을', '의', '에서', ' 기반', ' 경험'];

function techSurface(t: Technology, korean: boolean, rnd: () => number): string {
  if (korean && t.aliasesKo.length > 0 && rnd() < 0.5) return t.aliasesKo[Math.floor(rnd() * t.aliasesKo.length)]!;
  if (t.aliases.length > 0 && rnd() < 0.3) return t.aliases[Math.floor(rnd() * t.aliases.length)]!;
  return t.name;
}

/** One synthetic posting of about TARGET_BYTES UTF-8 bytes. */
export function syntheticPosting(techs: readonly Technology[], seed: number): ExtractInput {
  const rnd = seededRandom(seed);
  const korean = rnd() < 0.6;
  const pick = () => techs[Math.floor(rnd() * techs.length)]!;
  const filler = korean ? KO_FILLER : EN_FILLER;
  const sections: Partial<Record<SectionName, string>> = {};
  const bytes = () => Buffer.byteLength(Object.values(sections).join('\n'), 'utf8');
  const order: SectionName[] = ['intro', 'responsibilities', 'requirements', 'preferred', 'benefits', 'other'];
  let i = 0;
  while (bytes() < TARGET_BYTES) {
    const section = order[i % order.length]!;
    i++;
    const line =
      rnd() < 0.55
        ? korean
          ? `- ${techSurface(pick(), true, rnd)}${KO_PARTICLES[Math.floor(rnd() * KO_PARTICLES.length)]} ${techSurface(pick(), true, rnd)} 활용 경험 ${filler[Math.floor(rnd() * filler.length)]}`
          : `- Experience with ${techSurface(pick(), false, rnd)}, ${techSurface(pick(), false, rnd)} and ${techSurface(pick(), false, rnd)}. ${filler[Math.floor(rnd() * filler.length)]}`
        : `- ${filler[Math.floor(rnd() * filler.length)]}`;
    sections[section] = sections[section] ? `${sections[section]}\n${line}` : line;
  }
  const title = korean
    ? `${techSurface(pick(), true, rnd)} 백엔드 개발자 (경력 3년 이상)`
    : `Senior ${pick().name} Engineer`;
  return { title, sections, boardTags: rnd() < 0.5 ? [pick().name, pick().name, 'SomeUnknownTag'] : [] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The naive baseline: one regular expression per alias (word-bounded, case-insensitive), each run over the text. */
export function naiveExtractor(techs: readonly Technology[]): (input: ExtractInput) => Set<string> {
  const patterns: Array<{ id: string; re: RegExp }> = [];
  for (const t of techs) {
    for (const alias of new Set([t.name, ...t.aliases, ...t.aliasesKo])) {
      patterns.push({ id: t.id, re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(alias)}(?![\\p{L}\\p{N}])`, 'iu') });
    }
  }
  return (input) => {
    const found = new Set<string>();
    const texts = [input.title, ...sectionNames.map((n) => input.sections[n] ?? '')];
    for (const { id, re } of patterns) {
      if (found.has(id)) continue;
      for (const text of texts) {
        if (text && re.test(text)) {
          found.add(id);
          break;
        }
      }
    }
    return found;
  };
}

interface Throughput {
  /** Postings per second of CPU time of this process: throughput per core, whatever else runs on the machine. */
  perCpuSecond: number;
  /** Postings per second of wall-clock time (lower when the machine is shared). */
  perWallSecond: number;
}

function throughput(postings: readonly ExtractInput[], fn: (p: ExtractInput) => unknown, minMs: number): Throughput {
  let n = 0;
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const p of postings) fn(p);
    n += postings.length;
    elapsed = performance.now() - start;
  }
  const cpu = process.cpuUsage(cpu0);
  return { perCpuSecond: n / ((cpu.user + cpu.system) / 1e6), perWallSecond: (n / elapsed) * 1000 };
}

export async function run(args: string[] = []): Promise<BenchResult> {
  const quick = args.includes('--quick');
  const taxonomy = loadTaxonomy();
  const techs = taxonomy.technologies;
  const postings = Array.from({ length: 500 }, (_, i) => syntheticPosting(techs, i + 1));
  const avgBytes =
    postings.reduce((n, p) => n + Buffer.byteLength([p.title, ...Object.values(p.sections)].join('\n'), 'utf8'), 0) /
    postings.length;

  const extractor = createSkillExtractor(taxonomy);
  const enricher = createRulesEnricher(taxonomy);
  const naive = naiveExtractor(techs);
  // Warm up the JIT on all three.
  for (const p of postings.slice(0, 200)) extractor.extract(p);
  for (const p of postings.slice(0, 100)) enricher.enrich(p);
  for (const p of postings.slice(0, 3)) naive(p);

  const fast = throughput(postings, (p) => extractor.extract(p), quick ? 300 : 4000);
  const full = throughput(postings, (p) => enricher.enrich(p), quick ? 300 : 2000);
  const baseline = throughput(postings.slice(0, quick ? 10 : 40), naive, quick ? 200 : 3000);
  const aliasCount = techs.reduce((n, t) => n + 1 + t.aliases.length + t.aliasesKo.length, 0);

  return {
    name: 'extraction',
    figures: [
      {
        label: `extractSkills, ${Math.round(avgBytes)} B postings, per core (CPU time)`,
        value: fast.perCpuSecond,
        unit: 'postings/s',
      },
      { label: 'extractSkills, wall clock (one thread)', value: fast.perWallSecond, unit: 'postings/s' },
      { label: 'rules core (skills + job field + seniority), per core', value: full.perCpuSecond, unit: 'postings/s' },
      {
        label: `naive baseline (${aliasCount} regexes, one per alias), per core`,
        value: baseline.perCpuSecond,
        unit: 'postings/s',
      },
      { label: 'taxonomy', value: techs.length, unit: 'technologies' },
    ],
    ratios: [
      {
        label: 'extractSkills per core vs target 5,000 postings/s',
        value: fast.perCpuSecond / 5000,
        target: '>= 1x',
        met: fast.perCpuSecond >= 5000,
      },
      {
        label: 'extractSkills vs naive regex-per-alias baseline',
        value: fast.perCpuSecond / baseline.perCpuSecond,
        target: '> 1x',
        met: fast.perCpuSecond > baseline.perCpuSecond,
      },
    ],
    notes: [
      `${postings.length} synthetic postings (seeded), ${aliasCount} aliases compiled into one token trie (${extractor.dictionary.size} keys)`,
      `per-core figures use this process's CPU time; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs during the run`,
    ],
  };
}
