// Weekly trends of several skills in one field, loaded together (one request per skill).
import { api } from '../api/client';
import type { TrendResponse } from '../api/types';
import { useResource } from './useResource';

export function useTrends(params: () => { field?: string; skills: string[]; weeks: number } | null) {
  return useResource(
    () => {
      const p = params();
      return p && p.skills.length > 0 ? p : null;
    },
    async (p, signal): Promise<TrendResponse[]> =>
      Promise.all(p.skills.map((s) => api.trend(s, { field: p.field, weeks: p.weeks }, signal))),
    { keepPrevious: true },
  );
}
