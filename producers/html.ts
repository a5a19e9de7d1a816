// Helpers for the HTML boards (cheerio): exact source slices of listing elements and whitespace-normalised text.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export type CheerioDoc = cheerio.CheerioAPI;

/** Loads HTML keeping source positions, so a listing element can be emitted exactly as received. */
export function loadHtml(html: string): CheerioDoc {
  return cheerio.load(html, { sourceCodeLocationInfo: true });
}

/** The element's own bytes from the received page (not a re-serialisation). */
export function exactOuterHtml(html: string, el: AnyNode): string {
  const loc = (el as Element).sourceCodeLocation;
  if (loc && typeof loc.startOffset === 'number' && typeof loc.endOffset === 'number') {
    return html.slice(loc.startOffset, loc.endOffset);
  }
  return cheerio.load(el).html() ?? '';
}

/** Text with runs of whitespace collapsed to one space. */
export function cleanText(s: string | undefined | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
