// Rocketpunch: a job page (HTML, /jobs/{id}/{slug}). Read from the embedded JobPosting when there is one, then from
// the page: job title, company name, the job stats (경력, 연봉, 마감일) and the description sections.
import { ValidationError } from '../../../platform/errors';
import { KST_OFFSET_MS, parseDeadline } from '../dates';
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

export function parseRocketpunch(input: BoardInput): BoardFields {
  const page = readHtmlPage(input.body, 'rocketpunch');
  const ld = page.jobPosting ? jobPostingFields(page.jobPosting, dates) : null;
  const title =
    ld?.title ??
    text(page, '.job-title') ??
    text(page, 'h1') ??
    cleanPageTitle(meta(page, 'og:title') ?? page.$('title').text(), /\s*[-|]\s*로켓펀치.*$/);
  const companyName = ld?.companyName ?? text(page, '.company-name') ?? text(page, '.nowrap.company-name') ?? null;
  if (!title) throw new ValidationError('rocketpunch: no title');
  if (!companyName) throw new ValidationError('rocketpunch: no company name');
  const deadlineLabel = label(page, '마감일', '마감');
  const deadline = deadlineLabel
    ? parseDeadline(deadlineLabel, dates)
    : { deadline: ld?.deadline ?? null, alwaysOpen: ld?.alwaysOpen ?? false };
  const description = blockText(
    page,
    '.job-specialties-wrapper, .duty',
    '#job-content',
    '.job-content',
    '.content.break',
  );
  const tags = page
    .$('.job-specialties a, .job-stat-info a[href*="specialty"]')
    .toArray()
    .map((a) => page.$(a).text());
  return {
    title,
    companyName,
    boardCompanyId: null,
    location: { raw: label(page, '근무지', '위치', '지역') ?? text(page, '.office.item') ?? ld?.locationRaw ?? null },
    employmentType: ld?.employmentType ?? null,
    employmentText: label(page, '고용형태', '근무형태'),
    experience: experienceFromLabel(label(page, '경력')) ?? ld?.experience ?? null,
    salary: salaryFromLabel(label(page, '연봉', '급여')) ?? ld?.salary ?? null,
    postedAt: ld?.postedAt ?? null,
    deadline: deadline.deadline,
    alwaysOpen: deadline.alwaysOpen,
    closed: false,
    sections: description ? splitSections(description) : (ld?.sections ?? emptySections()),
    boardTags: uniqueStrings([...tags, ...(ld?.skills ?? [])]),
    boardCategories: ld?.categories ?? [],
  };
}
