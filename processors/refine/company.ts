// Company identity across boards: the same employer is written '(주)카카오', '주식회사 카카오', 'Kakao Corp.', and
// some under other names altogether ('당근마켓' / 'Daangn', '비바리퍼블리카' / '토스'). The id is a slug of the name
// without legal forms, spaces, punctuation and case, after mapping known aliases (data/company-aliases.json) to one
// canonical name, so that one job cross-posted in two scripts lands in one dedup partition.
import path from 'node:path';
import { dataDir, refineData, type CompanyAliases } from './data';

/** Legal-form markers removed wherever they stand (Korean forms are written before or after the name). */
const KOREAN_FORMS = /\(\s*(?:주|유|사|재|합|株)\s*\)|㈜|㈔|주식회사|유한회사|유한책임회사|합자회사|사단법인|재단법인/g;

/** English legal forms removed at the end of the name (repeatedly: 'Co., Ltd.'). */
const TRAILING_FORMS =
  /[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|gmbh|ag|s\.a|sa|bv|b\.v|pte|pty|k\.k|kk)\.?$/i;

/** A trailing parenthesised part: an alias or a brand ('트립비토즈(tripbtoz)', '비바리퍼블리카(토스)'). */
const TRAILING_PAREN = /\s*[([]([^()[\]]*)[)\]]\s*$/;

function withoutLegalForms(name: string): string {
  let s = name.normalize('NFKC').replace(KOREAN_FORMS, ' ').replace(/\s+/g, ' ').trim();
  let prev: string;
  do {
    prev = s;
    s = s.replace(TRAILING_FORMS, '').trim();
  } while (s !== prev);
  return s;
}

function trimPunctuation(s: string): string {
  return s.replace(/^[\s,.-]+|[\s,.-]+$/g, '');
}

/** The display name without legal forms and without a parenthesised alias ('트립비토즈(tripbtoz)' → '트립비토즈'). */
export function normaliseCompanyName(name: string): string {
  let s = withoutLegalForms(name);
  // A trailing parenthesised part is an alias or a brand; keep it only when nothing else is left.
  const withoutAlias = s.replace(TRAILING_PAREN, '').trim();
  if (withoutAlias !== '') s = withoutAlias;
  return trimPunctuation(s);
}

/** Lower case, letters and digits only ('&' read as 'and'). */
function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The key a name is looked up in the alias index by. */
function aliasKey(name: string): string {
  return slug(normaliseCompanyName(name));
}

/**
 * Alias key → canonical name. Throws, naming the file, when a name points to two companies or is listed twice:
 * an ambiguous alias would silently merge two employers' postings.
 */
export function companyAliasIndex(data: CompanyAliases, source = 'company aliases'): Map<string, string> {
  const index = new Map<string, string>();
  for (const company of data.companies) {
    for (const name of [company.name, ...company.aliases]) {
      const key = aliasKey(name);
      if (key === '') throw new Error(`${source}: '${name}' (${company.name}) has no letters once legal forms go`);
      const known = index.get(key);
      if (known !== undefined && known !== company.name) {
        throw new Error(`${source}: '${name}' names both ${known} and ${company.name}`);
      }
      if (known !== undefined) throw new Error(`${source}: '${name}' is listed twice for ${company.name}`);
      index.set(key, company.name);
    }
  }
  return index;
}

let aliases: Map<string, string> | undefined;
let namesByCanonical: Map<string, string[]> | undefined;

function aliasIndex(): Map<string, string> {
  aliases ??= companyAliasIndex(refineData().companies, path.join(dataDir, 'company-aliases.json'));
  return aliases;
}

/**
 * The company's canonical name: the alias file's name when the name (or, failing that, its parenthesised part, as in
 * 'Danggeun Market (당근마켓)') is a known alias; otherwise the normalised name.
 */
export function canonicalCompanyName(name: string): string {
  const normalised = normaliseCompanyName(name);
  const index = aliasIndex();
  const known = index.get(slug(normalised));
  if (known !== undefined) return known;
  const paren = TRAILING_PAREN.exec(withoutLegalForms(name))?.[1];
  const byParen = paren ? index.get(aliasKey(paren)) : undefined;
  return byParen ?? normalised;
}

/** Stable company id: the canonical name, lower case, letters and digits only. */
export function companyId(name: string): string {
  const id = slug(canonicalCompanyName(name));
  if (id !== '') return id;
  // Names made only of punctuation or legal forms: fall back to the whole name's letters, then a marker.
  const fallback = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return fallback !== '' ? fallback : 'unknown';
}

/**
 * Every name the company goes by: the normalised name, and for a listed company its canonical name and aliases
 * (normalised). For stripping the company from a title ('[당근] 백엔드' posted as 'Danggeun Market Inc.').
 */
export function companyNames(name: string): string[] {
  const canonical = canonicalCompanyName(name);
  if (!namesByCanonical) {
    namesByCanonical = new Map();
    for (const c of refineData().companies.companies) {
      namesByCanonical.set(c.name, [c.name, ...c.aliases].map(normaliseCompanyName));
    }
  }
  return [...new Set([normaliseCompanyName(name), ...(namesByCanonical.get(canonical) ?? [])])];
}
