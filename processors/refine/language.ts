// Main language of a posting from its script: Korean postings are full of English technology names, so Hangul
// is counted against Latin letters with a low threshold.

/** Share of Hangul among Hangul + Latin letters from which a text is Korean. */
export const KOREAN_HANGUL_SHARE = 0.2;

export function detectLanguage(text: string): string {
  let hangul = 0;
  let latin = 0;
  let kana = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if (c >= 0x3040 && c <= 0x30ff) kana++;
  }
  if (hangul > 0 && hangul / (hangul + latin) >= KOREAN_HANGUL_SHARE) return 'ko';
  if (kana > 0 && kana >= hangul && kana / (kana + latin) >= KOREAN_HANGUL_SHARE) return 'ja';
  return 'en';
}
