// JobKorea: a posting page (HTML, /Recruit/GI_Read/{id}) with its row of the recruit list as listEntry
// ({title, company, conditions[], keywords, deadline}). Read from the embedded JobPosting when there is one, then
// from the page: the summary heading (company in span.coName, then the title), the label/value grid
// (경력, 학력, 고용형태, 급여, 지역, 마감일, 스킬) and the detail container; the list row fills what the page lacks.
import { ValidationError } from '../../../platform/errors';
import { KST_OFFSET_MS, parseDate, parseDeadline } from '../dates';
import { emptySections, splitSections } from '../sections';
import { uniqueStrings, type BoardFields, type BoardInput } from './common';
import {
  blockText,
  cleanPageTitle,
  experienceFromLabel,
  jobPostingFields,
  label,
  meta,
  readHtmlPage,
  salaryFromLabel,
  text,
} from './html-page';

const dates = { offsetMs: KST_OFFSET_MS };

interface JobKoreaListEntry {
  title?: string;
  company?: string;
  conditions?: string[];
  keywords?: string;
  deadline?: string;
}

function listEntryOf(raw: string | null): JobKoreaListEntry {
  if (!raw) return {};
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as JobKoreaListEntry) : {};
  } catch {
    return {}; // the listing entry only fills gaps; the page stands on its own
  }
}

export function parseJobkorea(input: BoardInput): BoardFields {
  const page = readHtmlPage(input.body, 'jobkorea');
  const list = listEntryOf(input.raw.listEntry);
  const ld = page.jobPosting ? jobPostingFields(page.jobPosting, dates) : null;
  // The summary heading holds the company (span.coName) and then the title.
  const heading = page.$('.tit_job, h3.hd_3, .sumTit h3').first().clone();
  heading.find('.coName').remove();
  const headingTitle = heading.text().replace(/\s+/g, ' ').trim() || null;
  const title =
    ld?.title ??
    headingTitle ??
    text(page, '.recruit-title') ??
    (list.title?.trim() || null) ??
    cleanPageTitle(meta(page, 'og:title') ?? page.$('title').text(), /\s*[-|]\s*잡코리아.*$/);
  const companyName =
    ld?.companyName ?? text(page, '.coName') ?? text(page, '.co_name') ?? (list.company?.trim() || null);
  if (!title) throw new ValidationError('jobkorea: no title (JobPosting, .tit_job/.hd_3 or og:title)');
  if (!companyName) throw new ValidationError('jobkorea: no company name (JobPosting or .coName)');
  const conditions = list.conditions ?? [];
  const deadlineLabel = label(page, '마감일', '접수마감일', '접수기간') ?? (list.deadline?.trim() || null);
  const deadline = deadlineLabel
    ? parseDeadline(deadlineLabel.replace(/^.*~\s*(?=\d{4})/, ''), { ...dates, reference: input.raw.fetchedAt })
    : { deadline: ld?.deadline ?? null, alwaysOpen: ld?.alwaysOpen ?? false };
  const description = blockText(
    page,
    '#dev-gi-detail',
    '.artReadDetail',
    '.detailed-summary-contents',
    '#detailArea',
    '.tbDetail',
  );
  const skills = label(page, '스킬', '기술스택', '사용기술');
  const career = label(page, '경력') ?? conditions.find((c) => /신입|경력|무관/.test(c)) ?? null;
  return {
    title,
    companyName,
    boardCompanyId: null,
    location: {
      raw:
        label(page, '지역', '근무지역', '근무지주소') ??
        ld?.locationRaw ??
        conditions.find((c) => /[시구군도]$|서울|경기|부산|인천|대전|대구|광주|울산|세종|제주/.test(c)) ??
        null,
      hints: { country: 'KR' },
    },
    employmentType: ld?.employmentType ?? null,
    employmentText:
      label(page, '고용형태', '근무형태') ?? conditions.find((c) => /정규직|계약직|인턴|파견|프리랜서/.test(c)) ?? null,
    experience: experienceFromLabel(career) ?? ld?.experience ?? null,
    salary: salaryFromLabel(label(page, '급여', '연봉')) ?? ld?.salary ?? null,
    postedAt: ld?.postedAt ?? parseDate(label(page, '시작일', '등록일') ?? null, dates),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: /마감된\s*공고|접수\s*마감/.test(text(page, '.tplBtn, .devApplyBtn, .apply-status') ?? ''),
    sections: description ? splitSections(description) : (ld?.sections ?? emptySections()),
    boardTags: uniqueStrings([
      ...(skills ? skills.split(/[,·]/) : []),
      ...(ld?.skills ?? []),
      ...(list.keywords ?? '').split(','),
    ]),
    boardCategories: uniqueStrings([...(label(page, '모집분야', '직무') ?? '').split(','), ...(ld?.categories ?? [])]),
  };
}
