// Board name → parser. Unknown boards (a new demo variant, a board added to producers first) are recognised by the
// shape of their body, so a posting in a known format still refines.
import { ValidationError } from '../../../platform/errors';
import { isObj, type BoardInput, type BoardParser } from './common';
import { parseGreenhouse } from './greenhouse';
import { parseHackerNews } from './hackernews';
import { parseJobkorea } from './jobkorea';
import { parseJumpit } from './jumpit';
import { parseLever } from './lever';
import { parseProgrammers } from './programmers';
import { parseRemoteok } from './remoteok';
import { parseRocketpunch } from './rocketpunch';
import { parseSaramin } from './saramin';
import { parseWanted } from './wanted';

export type { BoardFields, BoardInput, BoardParser } from './common';

export const boardParsers: Record<string, BoardParser> = {
  wanted: parseWanted,
  jumpit: parseJumpit,
  programmers: parseProgrammers,
  saramin: parseSaramin,
  jobkorea: parseJobkorea,
  rocketpunch: parseRocketpunch,
  greenhouse: parseGreenhouse,
  lever: parseLever,
  remoteok: parseRemoteok,
  hn: parseHackerNews,
  hackernews: parseHackerNews,
};

/** The parser for a body of an unknown board, from the fields its format always has. */
export function detectFormat(input: BoardInput): BoardParser | null {
  const head = input.body.trimStart();
  if (!head.startsWith('{')) return /<html|<body|application\/ld\+json/i.test(head) ? parseJobkorea : null;
  let json: unknown;
  try {
    json = JSON.parse(input.body);
  } catch {
    return null;
  }
  if (!isObj(json)) return null;
  if (isObj(json.job) && isObj(json.job.detail)) return parseWanted;
  if (isObj(json.data) && isObj(json.data.job)) return parseWanted;
  if (isObj(json.result) && 'techStacks' in json.result) return parseJumpit;
  if (isObj(json.jobPosition)) return parseProgrammers;
  if (typeof json.content === 'string' && 'absolute_url' in json) return parseGreenhouse;
  if (typeof json.text === 'string' && ('hostedUrl' in json || 'categories' in json)) return parseLever;
  if (typeof json.position === 'string' && 'tags' in json && 'company' in json) return parseRemoteok;
  if (isObj(json.jobs) || (isObj(json.position) && 'expiration-timestamp' in json)) return parseSaramin;
  if (typeof json.text === 'string' && typeof json.by === 'string') return parseHackerNews;
  return null;
}

export function parserFor(input: BoardInput): BoardParser {
  const byName = boardParsers[input.raw.board.toLowerCase()];
  if (byName) return byName;
  const byShape = detectFormat(input);
  if (byShape) return byShape;
  throw new ValidationError(`no parser for board '${input.raw.board}' and the body matches no known format`);
}
