// JobKorea: a posting page (HTML, /Recruit/GI_Read/{id}, or the mobile detail fragment). Read from the embedded
// JobPosting when there is one, then from the page: summary title and company, the label/value grid
// (경력, 학력, 고용형태, 급여, 지역, 마감일, 스킬) and the detail container.
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

export function parseJobkorea(input: BoardInput): BoardFields {
  const page = readHtmlPage(input.body, 'jobkorea');
  const ld = page.jobPosting ? jobPostingFields(page.jobPosting, dates) : null;
  const title =
    ld?.title ??
    text(page, '.sumTit .hd_3 .tit') ??
    text(page, '.sumTit .tit') ??
    text(page, '.recruit-title') ??
    cleanPageTitle(meta(page, 'og:title') ?? page.$('title').text(), /\s*[-|]\s*잡코리아.*$/);
  const companyName =
    ld?.companyName ?? text(page, '.sumTit .coName') ?? text(page, '.coName') ?? text(page, '.company-name') ?? null;
  if (!title) throw new ValidationError('jobkorea: no title (JobPosting, .sumTit or og:title)');
  if (!companyName) throw new ValidationError('jobkorea: no company name (JobPosting or .coName)');
  const deadlineLabel = label(page, '마감일', '접수마감일', '접수기간');
  const deadline = deadlineLabel
    ? parseDeadline(deadlineLabel.replace(/^.*~\s*/, ''), dates)
    : { deadline: ld?.deadline ?? null, alwaysOpen: ld?.alwaysOpen ?? false };
  const description = blockText(page, '.artReadDetail', '#detailArea', '.detailArea', '.tbDetail', '.recruit-detail');
  const skills = label(page, '스킬', '기술스택', '사용기술');
  return {
    title,
    companyName,
    boardCompanyId: null,
    location: { raw: label(page, '지역', '근무지역', '근무지주소') ?? ld?.locationRaw ?? null, hints: { country: 'KR' } },
    employmentType: ld?.employmentType ?? null,
    employmentText: label(page, '고용형태', '근무형태'),
    experience: experienceFromLabel(label(page, '경력')) ?? ld?.experience ?? null,
    salary: salaryFromLabel(label(page, '급여', '연봉')) ?? ld?.salary ?? null,
    postedAt: ld?.postedAt ?? parseDate(label(page, '시작일', '등록일') ?? null, dates),
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: /마감된\s*공고|접수\s*마감/.test(text(page, '.tplBtn, .devApplyBtn, .apply-status') ?? ''),
    sections: description ? splitSections(description) : (ld?.sections ?? emptySections()),
    boardTags: uniqueStrings([...(skills ? skills.split(/[,·]/) : []), ...(ld?.skills ?? [])]),
    boardCategories: uniqueStrings([...(label(page, '모집분야', '직무') ?? '').split(','), ...(ld?.categories ?? [])]),
  };
}
