// Every board adapter, by name. Adding a board = one adapter file + one line here.
import type { BoardAdapter, CommonBoardSettings } from './adapter';
import { greenhouseAdapter } from './greenhouse';
import { hackerNewsAdapter } from './hackernews';
import { jobKoreaAdapter } from './jobkorea';
import { jumpitAdapter } from './jumpit';
import { leverAdapter } from './lever';
import { programmersAdapter } from './programmers';
import { remoteOkAdapter } from './remoteok';
import { saraminAdapter } from './saramin';
import { wantedAdapter } from './wanted';

// The adapters' settings types differ; the runtime only needs the common part, so they are listed as the base type.
export const boardAdapters: ReadonlyArray<BoardAdapter<CommonBoardSettings>> = [
  wantedAdapter,
  jumpitAdapter,
  saraminAdapter,
  programmersAdapter,
  jobKoreaAdapter,
  greenhouseAdapter,
  leverAdapter,
  remoteOkAdapter,
  hackerNewsAdapter,
] as unknown as ReadonlyArray<BoardAdapter<CommonBoardSettings>>;

export function adapterFor(name: string): BoardAdapter<CommonBoardSettings> | undefined {
  return boardAdapters.find((a) => a.name === name);
}

export const boardNames: string[] = boardAdapters.map((a) => a.name);
