// Renders demo jobs in each real board's format (the same shapes the adapters parse from the real boards).
import { createHash } from 'node:crypto';
import { referenceTime, revisionAt, sectionsOf, tagsOf, type DemoJob, type Listing, type Sections } from './generator';

const DAY = 24 * 3600 * 1000;

export interface RenderContext {
  /** Absolute base of this server, e.g. http://127.0.0.1:8090. */
  origin: string;
  generation: number;
}

const ymd = (t: number) => new Date(t + 9 * 3600 * 1000).toISOString().slice(0, 10);
const kstDateTime = (t: number) => new Date(t + 9 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
const bullets = (lines: string[], mark: string) => lines.map((l) => `${mark}${l}`).join('\n');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const numericId = (s: string) => Number(createHash('sha1').update(s).digest().readUInt32BE(0) % 90000) + 10000;
/** A counter that grows with the generation (views, likes): volatile, never part of the content. */
const counter = (job: DemoJob, gen: number, k: number) => ((job.uid * 37 + gen * k) % 900) + gen * k;

function text(job: DemoJob, gen: number): Sections {
  return sectionsOf(job, revisionAt(job, gen));
}

/** When the job's content last changed (ms): posting time, or the generation of its last edit. */
export function updatedAt(job: DemoJob, gen: number): number {
  const edits = job.editGens.filter((g) => g <= gen);
  const last = edits.length > 0 ? edits[edits.length - 1]! : null;
  // An edit in generation g happens during the week before g's crawl.
  return last === null
    ? job.postedAt
    : Math.max(job.postedAt + 3600 * 1000, referenceTime + (last - 1) * 7 * DAY + (job.uid % 7) * DAY);
}

const labels = {
  ko: { resp: '주요업무', req: '자격요건', pref: '우대사항', ben: '혜택 및 복지', proc: '채용절차', stack: '기술스택' },
  en: {
    resp: 'Responsibilities',
    req: 'Requirements',
    pref: 'Nice to have',
    ben: 'Benefits',
    proc: 'Hiring process',
    stack: 'Tech stack',
  },
};

// ---- Wanted (chaos list item, v4 job detail) ----

export function wantedListItem(job: DemoJob, l: Listing, ctx: RenderContext) {
  const companyId = numericId(job.company.id);
  return {
    id: Number(l.id),
    reward_total: '100만원',
    is_bookmark: false,
    company: {
      id: companyId,
      name: job.company.name,
      application_response_stats: { avg_rate: 0.0, level: 'very_low' },
    },
    title_img: {
      origin: `${ctx.origin}/static/company/${companyId}/cover__1080_790.jpg`,
      thumb: `${ctx.origin}/static/company/${companyId}/cover__400_400.jpg`,
      video: null,
    },
    address: { country: '한국', location: job.company.city, district: job.company.district },
    position: job.title,
    category_tag: { parent_id: 518, id: job.field.wanted },
    attraction_tags: [10402, 10436, 10468],
    skill_tags: [],
    user_oriented_tags: [],
    annual_from: job.experience.min,
    annual_to: job.experience.max ?? 100,
    is_newbie: job.experience.newcomer,
    employment_type: 'regular',
    additional_apply_type: null,
    preferred_languages: null,
    is_outlink: false,
  };
}

export function wantedDetail(job: DemoJob, l: Listing, ctx: RenderContext) {
  const s = text(job, ctx.generation);
  const companyId = numericId(job.company.id);
  return {
    job: {
      id: Number(l.id),
      status: 'active',
      due_time: job.deadline ? ymd(job.deadline) : null,
      position: job.title,
      confirm_time: new Date(updatedAt(job, ctx.generation)).toISOString(),
      company: {
        id: companyId,
        name: job.company.name,
        industry_name: job.company.industry,
        application_response_stats: { avg_rate: 0.0, level: 'very_low' },
      },
      address: {
        country: '한국',
        location: job.company.city,
        district: job.company.district,
        full_location: `${job.company.city} ${job.company.district}`,
      },
      detail: {
        intro: s.intro,
        main_tasks: bullets(s.responsibilities, '• '),
        requirements: bullets(s.requirements, '• '),
        preferred_points: bullets(s.preferred, '• '),
        benefits: bullets(s.benefits, '• ') + (s.salaryText ? `\n• ${s.salaryText}` : ''),
        hire_rounds: s.process,
      },
      skill_tags: tagsOf(job).map((title, i) => ({
        tag_type_id: 1500 + (numericId(title) % 500) + i,
        title,
        kind_title: 'SKILL',
      })),
      category_tags: { parent_id: 518, child_tags: [{ id: job.field.wanted }] },
      annual_from: job.experience.min,
      annual_to: job.experience.max ?? 100,
      is_newbie: job.experience.newcomer,
      employment_type: 'regular',
      like_count: counter(job, ctx.generation, 3),
      is_bookmark: false,
    },
  };
}

// ---- Jumpit (positions list item, position detail) ----

export function jumpitListItem(job: DemoJob, l: Listing, ctx: RenderContext) {
  return {
    id: Number(l.id),
    jobCategory: job.field.jumpit[1],
    logo: `${ctx.origin}/static/jumpit/${job.company.id}.png`,
    imagePath: `${ctx.origin}/static/jumpit/${job.company.id}-cover.webp`,
    title: job.title,
    companyName: job.company.name,
    techStacks: tagsOf(job),
    scrapCount: counter(job, ctx.generation, 2),
    viewCount: counter(job, ctx.generation, 17),
    newcomer: job.experience.newcomer,
    minCareer: job.experience.min,
    maxCareer: job.experience.max ?? 20,
    locations: [job.company.district.replace(/구$|시$/, '')],
    alwaysOpen: job.deadline === null,
    closedAt: job.deadline ? `${ymd(job.deadline)}T23:59:59` : null,
    companyProfileId: numericId(job.company.id),
    celebration: 50,
    scraped: false,
  };
}

export function jumpitDetail(job: DemoJob, l: Listing, ctx: RenderContext) {
  const s = text(job, ctx.generation);
  return {
    message: '조회에 성공하셨습니다.',
    status: 200,
    code: 'C001',
    result: {
      id: Number(l.id),
      title: job.title,
      companyName: job.company.name,
      logo: `${ctx.origin}/static/jumpit/${job.company.id}.png`,
      techStacks: tagsOf(job).map((stack) => ({
        stack,
        imagePath: `${ctx.origin}/static/stacks/${encodeURIComponent(stack.toLowerCase())}.png`,
      })),
      serviceInfo: s.intro,
      responsibility: bullets(s.responsibilities, '- '),
      qualifications: bullets(s.requirements, '- '),
      preferredRequirements: bullets(s.preferred, '- '),
      welfares: bullets(s.benefits, '- ') + (s.salaryText ? `\n- ${s.salaryText}` : ''),
      recruitProcess: s.process,
      newcomer: job.experience.newcomer,
      minCareer: job.experience.min,
      maxCareer: job.experience.max ?? 20,
      publishedAt: kstDateTime(job.postedAt),
      closedAt: job.deadline ? `${ymd(job.deadline)} 23:59:59` : null,
      location: `${job.company.city} ${job.company.district}`,
      tags: [{ id: '291', name: '육아휴직', emoticon: 'welfare' }],
      alwaysOpen: job.deadline === null,
      jobCategories: [{ id: job.field.jumpit[0], name: job.field.jumpit[1] }],
      viewCount: counter(job, ctx.generation, 17),
      scrapCount: counter(job, ctx.generation, 2),
      scrap: false,
      applied: false,
    },
  };
}

// ---- Programmers (job_positions list item, detail) ----

export function programmersListItem(job: DemoJob, l: Listing, ctx: RenderContext) {
  const companyId = numericId(job.company.id);
  return {
    id: Number(l.id),
    address: `${job.company.city} ${job.company.district}`,
    career: job.experience.newcomer ? '신입' : `${job.experience.min}년 이상`,
    careerRange: job.experience.max !== null ? { min: job.experience.min, max: job.experience.max } : null,
    companyId,
    jobType: 'fulltime',
    maxSalary: job.salary?.currency === 'KRW' ? job.salary.max : null,
    minSalary: job.salary?.currency === 'KRW' ? job.salary.min : null,
    signingBonus: 0,
    status: 'open',
    title: job.title,
    startAt: new Date(job.postedAt).toISOString(),
    createdAt: new Date(job.postedAt).toISOString(),
    updatedAt: new Date(updatedAt(job, ctx.generation)).toISOString(),
    careerOption: false,
    jobCategoryIds: [job.field.programmers],
    period: job.deadline ? `~ ${ymd(job.deadline).replaceAll('-', '.')}` : '상시 채용',
    technicalTags: tagsOf(job).map((name, i) => ({
      id: numericId(name),
      name,
      taggings_count: counter(job, ctx.generation, 5) + 100,
      category: 'skill',
      approved: true,
      display_order: i,
    })),
    teamTechnicalTags: [],
    url: `/job_positions/${l.id}`,
    isSynced: false,
    company: {
      id: companyId,
      name: job.company.name,
      address: `${job.company.city} ${job.company.district}`,
      homeUrl: `${ctx.origin}/companies/${job.company.id}`,
      employeesCount: 30 + (companyId % 400),
      logoUrl: `${ctx.origin}/static/programmers/${job.company.id}.png`,
    },
  };
}

export function programmersDetail(job: DemoJob, l: Listing, ctx: RenderContext) {
  const s = text(job, ctx.generation);
  const L = labels[job.lang];
  return {
    jobPosition: {
      ...programmersListItem(job, l, ctx),
      minCareerRequired: !job.experience.newcomer,
      minCareer: job.experience.min,
      resumeRequired: true,
      endAt: job.deadline ? new Date(job.deadline).toISOString() : null,
      additionalInformation: `## ${L.ben}\n${bullets(s.benefits, '- ')}\n\n## ${L.proc}\n${s.process}`,
      description: `${s.intro}\n\n## ${L.resp}\n${bullets(s.responsibilities, '- ')}`,
      preferredExperience: bullets(s.preferred, '- '),
      requirement: bullets(s.requirements, '- '),
      teamEnvironment: {
        developerCount: '11~50명',
        os: 'macOS',
        versionControl: 'Git',
        collaborationTool: 'Slack, Jira',
        reviewTool: 'GitHub',
        reviewMethod: 'Pull request',
      },
      isAppliable: true,
    },
    settings: {
      google: {
        jobPosition: {
          '@context': 'https://schema.org',
          '@type': 'JobPosting',
          datePosted: new Date(job.postedAt).toISOString(),
          description: s.intro,
          employmentType: 'FULL_TIME',
          title: job.title,
          hiringOrganization: { '@type': 'Organization', name: job.company.name },
        },
      },
    },
  };
}

// ---- Greenhouse (one element of /v1/boards/{token}/jobs?content=true) ----

function htmlSections(s: Sections, lang: 'ko' | 'en'): string {
  const L = labels[lang];
  const ul = (lines: string[]) => `<ul>${lines.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  return [
    `<div class="content-intro"><p>${esc(s.intro)}</p></div>`,
    `<h3>${L.resp}</h3>${ul(s.responsibilities)}`,
    `<h3>${L.req}</h3>${ul(s.requirements)}`,
    `<h3>${L.pref}</h3>${ul(s.preferred)}`,
    `<h3>${L.ben}</h3>${ul(s.benefits)}`,
    s.salaryText ? `<div class="content-pay-transparency"><p>${esc(s.salaryText)}</p></div>` : '',
  ].join('\n');
}

export function greenhouseJob(job: DemoJob, l: Listing, ctx: RenderContext) {
  const s = text(job, ctx.generation);
  // Greenhouse escapes the HTML of content once more (&lt;h3&gt;...).
  const content = esc(htmlSections(s, job.lang)).replace(/'/g, '&#39;');
  const location = job.remote
    ? `Remote (${job.company.city})`
    : `${job.company.city}${job.company.district ? `, ${job.company.district}` : ''}`;
  // Touched without a content change now and then: updated_at moves, the content does not (volatile).
  const touched = (job.uid + ctx.generation) % 9 === 0 ? ctx.generation * 60000 : 0;
  return {
    absolute_url: `${ctx.origin}/greenhouse/${l.scope}/jobs/${l.id}`,
    data_compliance: [
      {
        type: 'gdpr',
        requires_consent: false,
        requires_processing_consent: false,
        requires_retention_consent: false,
        retention_period: null,
      },
    ],
    internal_job_id: Number(l.id) - 1000,
    location: { name: location },
    metadata: null,
    id: Number(l.id),
    updated_at: new Date(updatedAt(job, ctx.generation) + touched).toISOString(),
    requisition_id: String(100 + (job.uid % 900)),
    title: job.title,
    company_name: job.company.nameEn,
    first_published: new Date(job.postedAt).toISOString(),
    language: job.lang,
    application_deadline: job.deadline ? new Date(job.deadline).toISOString() : null,
    content,
    departments: [{ id: numericId(job.field.department), name: job.field.department, child_ids: [], parent_id: null }],
    offices: [
      {
        id: numericId(job.company.city),
        name: job.remote ? 'Remote' : job.company.city,
        location: null,
        child_ids: [],
        parent_id: null,
      },
    ],
  };
}

// ---- Lever (one element of /v0/postings/{site}?mode=json) ----

export function leverPosting(job: DemoJob, l: Listing, ctx: RenderContext) {
  const s = text(job, ctx.generation);
  const L = labels[job.lang];
  const li = (lines: string[]) => lines.map((x) => `<li>${esc(x)}</li>`).join('');
  const location = job.remote ? 'Remote' : job.company.city;
  return {
    additionalPlain: `${L.ben}\n${s.benefits.join('\n')}\n`,
    additional: `<div><b>${L.ben}</b></div><ul>${li(s.benefits)}</ul>`,
    categories: {
      commitment: 'Full-time',
      location,
      team: job.field.en,
      department: job.field.department,
      allLocations: [location],
    },
    createdAt: job.postedAt,
    descriptionPlain: `${s.intro}\n`,
    description: `<div>${esc(s.intro)}</div>`,
    id: l.id,
    lists: [
      { text: L.resp, content: li(s.responsibilities) },
      { text: L.req, content: li(s.requirements) },
      { text: L.pref, content: li(s.preferred) },
    ],
    text: job.title,
    country: job.company.city === 'London' ? 'GB' : 'US',
    workplaceType: job.remote ? 'remote' : 'hybrid',
    opening: `<div>${esc(s.intro)}</div>`,
    openingPlain: s.intro,
    descriptionBody: '',
    descriptionBodyPlain: '',
    hostedUrl: `${ctx.origin}/lever/${l.scope}/${l.id}`,
    applyUrl: `${ctx.origin}/lever/${l.scope}/${l.id}/apply`,
    ...(job.salary
      ? {
          salaryRange: {
            currency: job.salary.currency,
            interval: 'per-year-salary',
            min: job.salary.min,
            max: job.salary.max,
          },
          salaryDescriptionPlain: s.salaryText,
          salaryDescription: `<div>${esc(s.salaryText)}</div>`,
        }
      : {}),
  };
}

// ---- RemoteOK (one element of /api) ----

export function remoteOkJob(job: DemoJob, l: Listing, ctx: RenderContext) {
  const s = text(job, ctx.generation);
  const slug = `remote-${job.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${job.company.id}-${l.id}`;
  const L = labels.en;
  const ul = (lines: string[]) => `<ul>${lines.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  return {
    slug,
    id: l.id,
    epoch: Math.floor(job.postedAt / 1000),
    date: new Date(job.postedAt).toISOString().replace('.000Z', '+00:00'),
    company: job.company.nameEn,
    company_logo: '',
    position: job.title,
    tags: ['dev', ...tagsOf(job).map((t) => t.toLowerCase())],
    description: `<p>${esc(s.intro)}</p><p><strong>${L.resp}</strong></p>${ul(s.responsibilities)}<p><strong>${L.req}</strong></p>${ul(s.requirements)}<p><strong>${L.pref}</strong></p>${ul(s.preferred)}`,
    location: job.company.city === 'Remote' ? 'Worldwide' : job.company.city,
    apply_url: `${ctx.origin}/remoteok/remote-jobs/${slug}`,
    salary_min: job.salary?.currency === 'USD' ? job.salary.min : 0,
    salary_max: job.salary?.currency === 'USD' ? job.salary.max : 0,
    logo: '',
    url: `${ctx.origin}/remoteok/remote-jobs/${slug}`,
  };
}

export const remoteOkLegalNotice = {
  last_updated: 0,
  legal:
    'API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source. (Demo board: these postings are generated, not real.)',
};

/** A small human-facing page of a posting (what a person clicking the record's url sees). */
export function humanPage(job: DemoJob, gen: number): string {
  const s = text(job, gen);
  const L = labels[job.lang];
  const ul = (lines: string[]) => `<ul>${lines.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`;
  return `<!doctype html><html lang="${job.lang}"><head><meta charset="utf-8"><title>${esc(job.title)} - ${esc(job.company.name)}</title></head><body>
<p><em>techmap demo board: a generated posting, not a real job.</em></p>
<h1>${esc(job.title)}</h1><h2>${esc(job.lang === 'ko' ? job.company.name : job.company.nameEn)}</h2>
<p>${esc(s.intro)}</p><h3>${L.resp}</h3>${ul(s.responsibilities)}<h3>${L.req}</h3>${ul(s.requirements)}<h3>${L.pref}</h3>${ul(s.preferred)}<h3>${L.ben}</h3>${ul(s.benefits)}
</body></html>`;
}
