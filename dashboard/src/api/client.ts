// The one module that talks to the gateway. Every route of /api/v1 the dashboard uses has a typed function
// here; pages never build URLs themselves.
import type {
  CompanyResponse,
  CompareResponse,
  ErrorBody,
  FieldsResponse,
  PipelineResponse,
  PostingDetail,
  PostingsPage,
  RecommendResponse,
  RelatedResponse,
  TopSkillsResponse,
  TrendResponse,
} from './types';

export const API_BASE = '/api/v1';

/** A failed request: the HTTP status (0 = network) and the gateway's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = 'error',
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryValue = string | number | boolean | string[] | null | undefined;
export type Query = Record<string, QueryValue>;

/** Builds `?a=1&b=x,y` from a query object, leaving out empty values; lists are comma separated. */
export function toQueryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function apiUrl(path: string, query: Query = {}): string {
  return `${API_BASE}${path}${toQueryString(query)}`;
}

// Requests in flight, mirrored on <html data-api-pending="n"> so tests (and styles) can tell when data has settled.
let pending = 0;
function track(delta: number) {
  pending += delta;
  document.documentElement.dataset.apiPending = String(pending);
}

async function getJson<T>(path: string, query: Query = {}, signal?: AbortSignal): Promise<T> {
  track(1);
  try {
    return await fetchJson<T>(path, query, signal);
  } finally {
    track(-1);
  }
}

async function fetchJson<T>(path: string, query: Query, signal?: AbortSignal): Promise<T> {
  let res: Response;
  try {
    res = await fetch(apiUrl(path, query), { headers: { Accept: 'application/json' }, signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network');
  }
  if (!res.ok) {
    let body: Partial<ErrorBody> = {};
    try {
      body = (await res.json()) as Partial<ErrorBody>;
    } catch {
      // Not JSON (a proxy's error page): the status alone says enough.
    }
    throw new ApiError(res.status, body.message ?? res.statusText, body.error, body.parameter);
  }
  return (await res.json()) as T;
}

const seg = encodeURIComponent;

/** Query of GET /fields/{field}/skills (limit 1..200; period 'all' | 'Nw' | 'Nm' | 'from..to'). */
export interface TopSkillsQuery {
  limit?: number;
  period?: string;
  seniority?: string;
  region?: string;
  board?: string;
  status?: 'all' | 'open';
}

/** Query of GET /postings and /postings/export (skill: 1..10 ids, all required; q: 1..100 characters). */
export interface PostingsQuery {
  field?: string;
  skill?: string[];
  company?: string;
  q?: string;
  experience?: string;
  region?: string;
  board?: string;
  status?: string;
  closing_within?: number;
  sort?: string;
  cursor?: string;
  limit?: number;
}

export const api = {
  fields: (signal?: AbortSignal) => getJson<FieldsResponse>('/fields', {}, signal),
  topSkills: (field: string, q: TopSkillsQuery = {}, signal?: AbortSignal) =>
    getJson<TopSkillsResponse>(`/fields/${seg(field)}/skills`, { ...q }, signal),
  /** weeks 1..260. */
  trend: (skill: string, q: { field?: string; weeks?: number } = {}, signal?: AbortSignal) =>
    getJson<TrendResponse>(`/skills/${seg(skill)}/trend`, q, signal),
  /** limit 1..100. */
  related: (skill: string, q: { field?: string; limit?: number } = {}, signal?: AbortSignal) =>
    getJson<RelatedResponse>(`/skills/${seg(skill)}/related`, q, signal),
  /** fields: 2..6 ids; limit 1..50. */
  compare: (fields: string[], q: { limit?: number; period?: string } = {}, signal?: AbortSignal) =>
    getJson<CompareResponse>('/compare', { fields, ...q }, signal),
  postings: (q: PostingsQuery, signal?: AbortSignal) => getJson<PostingsPage>('/postings', { ...q }, signal),
  posting: (id: string, signal?: AbortSignal) => getJson<PostingDetail>(`/postings/${seg(id)}`, {}, signal),
  /** limit 1..100 skills of its stack. */
  company: (id: string, q: { limit?: number } = {}, signal?: AbortSignal) =>
    getJson<CompanyResponse>(`/companies/${seg(id)}`, q, signal),
  /** have: 0..50 ids; limit 1..20 steps. */
  recommend: (field: string, have: string[], q: { limit?: number } = {}, signal?: AbortSignal) =>
    getJson<RecommendResponse>('/recommend', { field, have, ...q }, signal),
  pipeline: (signal?: AbortSignal) => getJson<PipelineResponse>('/pipeline', {}, signal),
};

/** Download links the gateway renders itself (same filters as the page). */
export const exportUrls = {
  /** Up to 1000 rows (the route's default limit). */
  postings: (q: PostingsQuery, format: 'csv' | 'json') =>
    apiUrl('/postings/export', { ...q, cursor: undefined, limit: undefined, format }),
  topSkills: (field: string, q: TopSkillsQuery, format: 'csv' | 'json') =>
    apiUrl(`/fields/${seg(field)}/skills`, { ...q, format }),
};
