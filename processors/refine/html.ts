// HTML (and the boards' plain-text and Markdown variants) → clean text: entities decoded, no scripts or styles,
// block elements and <br> become line breaks, list items become lines starting with '- ', whitespace normalised.
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';

/** Elements whose content is never text a reader sees. */
const SKIP = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'svg',
  'iframe',
  'object',
  'button',
  'select',
]);

/** Elements that start and end a line. */
const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
]);

/** Cells are separated by a space within their row. */
const CELL = new Set(['td', 'th']);

const TAG_RE = /<\/?(?:p|div|br|li|ul|ol|h[1-6]|span|strong|b|em|i|u|table|tr|td|a|section|article|img)\b[^>]*>/i;
const ESCAPED_TAG_RE = /&lt;\/?(?:p|div|br|li|ul|ol|h[1-6]|span|strong|b|em|table|a|section)\b/i;

export function looksLikeHtml(s: string): boolean {
  return TAG_RE.test(s);
}

/** True for HTML whose markup itself is entity-escaped (Greenhouse `content`). */
export function looksEscapedHtml(s: string): boolean {
  return !looksLikeHtml(s) && ESCAPED_TAG_RE.test(s);
}

/** Parser options: htmlparser2 in HTML mode (several times faster than parse5 on job descriptions). */
export const HTML_PARSER = { xml: { xmlMode: false, decodeEntities: true } } as const;

/**
 * An HTML fragment's nodes, parsed by htmlparser2 as cheerio's `load(html, HTML_PARSER, false)` parses it, without
 * the cheerio wrapper: building one costs several times the parse itself on a job description.
 */
function parseFragment(html: string): AnyNode[] {
  return parseDocument(html, HTML_PARSER.xml).children;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  middot: '·',
  bull: '•',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  times: '×',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  rarr: '→',
  larr: '←',
  zwj: '\u200d',
  zwnj: '\u200c',
  shy: '\u00ad',
};

const ENTITY_RE = /&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g;

/** Decodes HTML entities (named, decimal, hex) of a string that holds no markup. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  let unknown = false;
  const out = s.replace(ENTITY_RE, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    const named = NAMED_ENTITIES[body];
    if (named === undefined) unknown = true;
    return named ?? m;
  });
  if (!unknown) return out;
  // A rarer named entity: the HTML parser's full table decodes the original.
  const textarea = parseFragment(`<textarea>${s.replace(/</g, '&lt;')}</textarea>`)[0];
  return textarea && 'children' in textarea ? textContent(textarea.children) : s;
}

/** HTML → clean text. Escaped HTML (`&lt;p&gt;…`) is decoded first. */
export function htmlToText(html: string): string {
  const source = looksEscapedHtml(html) ? decodeEntities(html) : html;
  return nodesToText(parseFragment(source));
}

/** The text of nodes and their descendants, as cheerio's .text() (which leaves out comments). */
function textContent(nodes: AnyNode[]): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.data;
    else if ('children' in node) out += textContent(node.children);
  }
  return out;
}

/**
 * Parsed nodes → clean text (for pages already parsed). `skip` leaves out elements besides the invisible ones
 * (a map link beside an address).
 */
export function nodesToText(nodes: AnyNode[], skip?: (el: Element) => boolean): string {
  const lines: string[] = [];
  let current = '';
  let prefix = '';

  const flush = () => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text !== '') {
      lines.push(prefix + text);
      prefix = '';
    }
    current = '';
  };

  const walk = (list: AnyNode[]) => {
    for (const node of list) {
      if (node.type === 'text') {
        current += node.data;
      } else if (node.type === 'tag') {
        const name = node.name.toLowerCase();
        if (SKIP.has(name) || skip?.(node)) continue;
        if (name === 'br') {
          flush();
          continue;
        }
        if (CELL.has(name)) {
          current += ' ';
          walk(node.children);
          current += ' ';
          continue;
        }
        const block = BLOCK.has(name);
        if (block) flush();
        if (name === 'li') prefix = '- ';
        walk(node.children);
        if (block) flush();
      } else if (node.type === 'cdata' || node.type === 'root') {
        walk(node.children);
      }
      // comments, directives, <script>/<style> nodes (their own node types): nothing
    }
  };
  walk(nodes);
  flush();
  return normaliseLines(lines.join('\n'));
}

/** Bullet characters employers type at the start of a line; they become '- '. */
const BULLET_RE = /^(?:[•·●○◦▪▫∙‣⁃◆◇►▸▹➤✓✔]|[-*+](?=\s))\s*/u;

/** Plain text → clean text: CRLF, zero-width and non-breaking spaces, bullets, blank lines. */
export function normaliseLines(text: string): string {
  // Whole-text passes (one regex run each, not one per line); '\n' is the only whitespace left uncollapsed.
  const lines = text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[^\S\n]+/g, ' ')
    .split('\n');
  const out: string[] = [];
  for (const rawLine of lines) {
    let line = rawLine.trim();
    if (line === '') continue;
    if (BULLET_RE.test(line)) {
      // "- • item" and "• item" both become "- item"
      line = line.replace(BULLET_RE, '');
      while (BULLET_RE.test(line)) line = line.replace(BULLET_RE, '');
      if (line === '') continue;
      line = `- ${line}`;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** One line of light Markdown without its markup; each rule only runs when the line has its marker. */
function markdownLine(line: string): string {
  if (line.includes('#')) line = line.replace(/^\s{0,3}#{1,6}\s+/, '');
  if (line.includes('*') || line.includes('+')) line = line.replace(/^(\s*)[*+]\s+/, '$1- ');
  if (line.includes('**') || line.includes('__')) {
    line = line.replace(/\*\*(.+?)\*\*|__(.+?)__/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? '');
  }
  if (line.includes('](')) line = line.replace(/!\[[^\]]*\]\([^)]*\)/g, '').replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  if (line.includes('>')) line = line.replace(/^\s*>\s?/, '');
  return line;
}

/** Light Markdown (Programmers' descriptions) → clean text: '#' headings, emphasis, bullets, links. */
export function markdownToText(md: string): string {
  return normaliseLines(md.replace(/\r\n?/g, '\n').split('\n').map(markdownLine).join('\n'));
}

/** Any of the boards' description formats (HTML, escaped HTML, Markdown, plain text) → clean text. */
export function toCleanText(input: string | null | undefined): string {
  if (!input) return '';
  if (looksLikeHtml(input) || looksEscapedHtml(input)) return htmlToText(input);
  return markdownToText(decodeEntities(input));
}
