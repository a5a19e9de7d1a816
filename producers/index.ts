// The producers' public surface: what the CLI, `techmap run` and other folders may use.
export { boardAdapters, adapterFor, boardNames } from './registry';
export type { BoardAdapter, PageRequest, PostingRef, ListPage, ParsedPosting } from './adapter';
export { createProducersComponent, createDemoBoardComponent, spec } from './component';
export { CrawlSession } from './session';
export { loadProducerSettings, resolveTargets, producerSettings, boardSettingDocs } from './settings';
export { locateDemoBoard } from './demo-board/locate';
export { startDemoBoard, type DemoBoard } from './demo-board/server';
export { hackerNewsHeader } from './hackernews';
export { remoteOkCredit } from './remoteok';
export type { CrawlRunResult } from './runtime/crawler';
export type { CrawlStats } from './runtime/records';
