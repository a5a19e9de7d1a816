// Location: city / region / country (ISO 3166-1 alpha-2) from what boards write ('서울 강남구 테헤란로 …',
// '경기 성남시 분당구', 'San Francisco, CA', 'Remote (United States)', 'London, United Kingdom'), and the remote policy
// (ONSITE / HYBRID / REMOTE) from short fields and the description (data/places.json, data/workplace.json).
import { refineData } from './data';
import type { Location, RemotePolicy } from './types';

interface PlaceIndex {
  krRegion: Map<string, { name: string; metropolitan: boolean }>;
  krCity: Map<string, { name: string; region: string }>;
  seoulDistrict: Set<string>;
  country: Map<string, string>;
  usState: Map<string, string>;
  usStateName: Map<string, string>;
  city: Map<string, { name: string; region: string | null; country: string }>;
  macro: Set<string>;
}

let index: PlaceIndex | undefined;

function places(): PlaceIndex {
  if (index) return index;
  const p = refineData().places;
  const lower = (s: string) => s.toLowerCase();
  index = {
    krRegion: new Map(p.krRegions.flatMap((r) => r.aliases.map((a) => [lower(a), r] as const))),
    krCity: new Map(p.krCities.flatMap((c) => c.aliases.map((a) => [lower(a), c] as const))),
    seoulDistrict: new Set(p.seoulDistricts),
    country: new Map(
      p.countries.flatMap((c) => [
        [lower(c.code), c.code] as const,
        ...c.aliases.map((a) => [lower(a), c.code] as const),
      ]),
    ),
    usState: new Map(Object.keys(p.usStates).map((code) => [code, code])),
    usStateName: new Map(Object.entries(p.usStates).map(([code, name]) => [lower(name), code])),
    city: new Map(p.cities.flatMap((c) => c.aliases.map((a) => [lower(a), c] as const))),
    macro: new Set(p.macroRegions.map(lower)),
  };
  return index;
}

export interface LocationHints {
  city?: string | null;
  region?: string | null;
  /** ISO code or a country name as the board writes it ('한국', 'GB'). */
  country?: string | null;
  remote?: RemotePolicy;
}

/** ISO alpha-2 code of a country name or code, or null. */
export function countryCode(name: string | null | undefined): string | null {
  if (!name) return null;
  return places().country.get(name.trim().toLowerCase()) ?? null;
}

function parseKorean(raw: string): Omit<Location, 'raw' | 'remote'> | null {
  const idx = places();
  const tokens = raw
    .normalize('NFKC')
    .split(/[\s,·/|()[\]>]+/)
    .filter(Boolean);
  let region: { name: string; metropolitan: boolean } | undefined;
  let city: string | null = null;
  for (const token of tokens.slice(0, 6)) {
    const t = token.toLowerCase();
    const c = idx.krCity.get(t) ?? idx.krCity.get(t.replace(/시$/, ''));
    if (!region) {
      const r = idx.krRegion.get(t);
      if (r) {
        region = r;
        if (r.metropolitan) break;
        continue;
      }
      if (c) {
        region = { name: c.region, metropolitan: false };
        city = c.name;
        break;
      }
      if (idx.seoulDistrict.has(token) || idx.seoulDistrict.has(token.replace(/구$/, ''))) {
        region = { name: 'Seoul', metropolitan: true };
        break;
      }
    } else if (c && c.region === region.name) {
      city = c.name;
      break;
    }
  }
  if (region?.metropolitan) city = region.name;
  if (!region) return /한국|대한민국|korea/i.test(raw) ? { city: null, region: null, country: 'KR' } : null;
  return { city, region: region.name, country: 'KR' };
}

function parseLatin(raw: string): Omit<Location, 'raw' | 'remote'> | null {
  const idx = places();
  // Several places ('San Francisco, CA | New York City, NY'): the first one that says something.
  for (const alternative of raw.normalize('NFKC').split(/\s*(?:\||;|\bor\b|\band\b|\/\s)\s*/i)) {
    const found = parseLatinPlace(alternative, idx);
    if (found) return found;
  }
  return null;
}

function parseLatinPlace(raw: string, idx: PlaceIndex): Omit<Location, 'raw' | 'remote'> | null {
  const whole = idx.city.get(raw.trim().toLowerCase());
  if (whole) return { city: whole.name, region: whole.region, country: whole.country };
  const parts = raw
    .replace(/\b(?:remote|hybrid|on-?site|anywhere|worldwide)\b/gi, ',')
    .split(/[,()·]+/)
    .map((p) => p.replace(/^[\s\-–—:.]+|[\s\-–—:.]+$/g, ''))
    .filter(
      (p) => p !== '' && !/^(?:or|and|in|within|from|only|based|flexibility|flexible|friendly|ok|first)$/i.test(p),
    );
  let city: string | null = null;
  let region: string | null = null;
  let country: string | null = null;
  parts.forEach((part, i) => {
    const lower = part.toLowerCase();
    const next = parts[i + 1];
    const nextIsState = next !== undefined && /^[A-Z]{2}$/.test(next) && idx.usState.has(next);
    if (idx.macro.has(lower)) return;
    const known = idx.city.get(lower);
    if (known && (i === 0 || nextIsState)) {
      city ??= known.name;
      region ??= known.region;
      country ??= known.country;
      return;
    }
    if (i === 0 && nextIsState) {
      city ??= part.replace(/\s+/g, ' '); // 'Washington, DC', 'Troy, MI'
      return;
    }
    if (/^[A-Z]{2}$/.test(part) && idx.usState.has(part) && (i > 0 || parts.length === 1)) {
      region ??= part;
      country ??= 'US';
      return;
    }
    const stateByName = idx.usStateName.get(lower);
    if (stateByName && (i > 0 || parts.length === 1)) {
      region ??= stateByName;
      country ??= 'US';
      return;
    }
    const c = idx.country.get(lower);
    if (c && !(lower.length === 2 && part !== part.toUpperCase())) {
      country ??= c;
      return;
    }
    const kr = /[\uac00-\ud7a3]/.test(part) ? parseKorean(part) : null;
    if (kr) {
      city ??= kr.city;
      region ??= kr.region;
      country ??= kr.country;
      return;
    }
    if (i === 0 && /^[\p{L}][\p{L}\s.'-]{1,40}$/u.test(part)) city ??= part.replace(/\s+/g, ' ');
  });
  if (city === null && region === null && country === null) return null;
  return { city, region, country };
}

/** Normalised location from a board's location text plus whatever structured hints the board gives. */
export function parseLocation(raw: string | null | undefined, hints: LocationHints = {}): Location {
  const text = raw?.replace(/\s+/g, ' ').trim() || null;
  let parsed: Omit<Location, 'raw' | 'remote'> | null = null;
  if (text) parsed = /[\uac00-\ud7a3]/.test(text) ? (parseKorean(text) ?? parseLatin(text)) : parseLatin(text);
  const hintCountry = hints.country
    ? (countryCode(hints.country) ?? (/^[A-Z]{2}$/.test(hints.country) ? hints.country : null))
    : null;
  return {
    raw: text,
    city: hints.city ?? parsed?.city ?? null,
    region: hints.region ?? parsed?.region ?? null,
    country: hintCountry ?? parsed?.country ?? null,
    remote: hints.remote && hints.remote !== 'UNKNOWN' ? hints.remote : 'UNKNOWN',
  };
}

function policyIn(text: string, lists: { remote: string[]; hybrid: string[]; onsite: string[] }): RemotePolicy {
  const t = text.toLowerCase();
  // A hybrid phrase inside a remote one ('재택 근무' in '풀재택 근무') does not count.
  let withoutRemote = t;
  for (const p of lists.remote) withoutRemote = withoutRemote.split(p).join(' | ');
  if (lists.hybrid.some((p) => withoutRemote.includes(p))) return 'HYBRID';
  if (withoutRemote !== t) return 'REMOTE';
  if (lists.onsite.some((p) => t.includes(p))) return 'ONSITE';
  return 'UNKNOWN';
}

/** Remote policy from short fields (location, title, a workplace field) first, then from the description. */
export function detectRemote(shortTexts: Array<string | null | undefined>, description: string): RemotePolicy {
  const { workplace } = refineData();
  for (const text of shortTexts) {
    if (!text) continue;
    const p = policyIn(text, workplace.short);
    if (p !== 'UNKNOWN') return p;
  }
  return policyIn(description, workplace.description);
}
