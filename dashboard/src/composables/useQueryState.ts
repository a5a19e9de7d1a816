// Page state lives in the URL query: links are shareable and the back button walks through filter changes.
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';

export type QueryPatch = Record<string, string | number | string[] | null | undefined>;

function clean(query: LocationQueryRaw): LocationQueryRaw {
  const out: LocationQueryRaw = {};
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      const list = v.filter((x): x is string => typeof x === 'string' && x !== '');
      if (list.length > 0) out[k] = list.join(',');
    } else out[k] = String(v);
  }
  return out;
}

function same(a: LocationQueryRaw, b: LocationQuery): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined && b[k] !== null && b[k] !== '');
  return ka.length === kb.length && ka.every((k) => String(a[k]) === String(b[k]));
}

export function useQueryState() {
  const route = useRoute();
  const router = useRouter();

  /** A single value ('' and absent are both undefined). */
  const str = (key: string): string | undefined => {
    const v = route.query[key];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' && s !== '' ? s : undefined;
  };
  /** A comma-separated list (repeated keys also accepted). */
  const list = (key: string): string[] => {
    const v = route.query[key];
    const parts = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    return [
      ...new Set(
        parts
          .flatMap((p) => p.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ];
  };
  /** An integer within [min, max], else the fallback. */
  const int = (key: string, fallback: number, min = 1, max = 1000): number => {
    const n = Number(str(key));
    return Number.isInteger(n) && n >= min && n <= max ? n : fallback;
  };

  /** Merges `patch` into the query; a new history entry unless `replace`. Does nothing when nothing changes. */
  const set = (patch: QueryPatch, opts: { replace?: boolean } = {}) => {
    const next = clean({ ...route.query, ...patch });
    if (same(next, route.query)) return Promise.resolve();
    return opts.replace ? router.replace({ query: next }) : router.push({ query: next });
  };

  return { route, str, list, int, set };
}
