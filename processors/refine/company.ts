// Company identity across boards: the same employer is written '(주)카카오', '주식회사 카카오', 'Kakao Corp.'.
// The id is a slug of the name without legal forms, spaces, punctuation and case.

/** Legal-form markers removed wherever they stand (Korean forms are written before or after the name). */
const KOREAN_FORMS = /\(\s*(?:주|유|사|재|합|株)\s*\)|㈜|㈔|주식회사|유한회사|유한책임회사|합자회사|사단법인|재단법인/g;

/** English legal forms removed at the end of the name (repeatedly: 'Co., Ltd.'). */
const TRAILING_FORMS =
  /[\s,]+(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|plc|gmbh|ag|s\.a|sa|bv|b\.v|pte|pty|k\.k|kk)\.?$/i;

/** The display name without legal forms and without a parenthesised alias ('트립비토즈(tripbtoz)' → '트립비토즈'). */
export function normaliseCompanyName(name: string): string {
  let s = name.normalize('NFKC').replace(KOREAN_FORMS, ' ').replace(/\s+/g, ' ').trim();
  let prev: string;
  do {
    prev = s;
    s = s.replace(TRAILING_FORMS, '').trim();
  } while (s !== prev);
  // A trailing parenthesised part is an alias or a brand; keep it only when nothing else is left.
  const withoutAlias = s.replace(/\s*[([][^()[\]]*[)\]]\s*$/, '').trim();
  if (withoutAlias !== '') s = withoutAlias;
  return s.replace(/^[\s,.-]+|[\s,.-]+$/g, '');
}

/** Stable company id: the normalised name, lower case, letters and digits only. */
export function companyId(name: string): string {
  const slug = normaliseCompanyName(name)
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '');
  if (slug !== '') return slug;
  // Names made only of punctuation or legal forms: fall back to the whole name's letters, then a marker.
  const fallback = name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return fallback !== '' ? fallback : 'unknown';
}
