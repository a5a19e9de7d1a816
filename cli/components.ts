// The long-running components `techmap run <name>` knows, each loaded only when asked for.
import type { Config } from '../platform/config';
import type { Component } from '../platform/component';

type Factory = (config: Config) => Promise<Component>;

export const componentFactories: Record<string, { summary: string; create: Factory }> = {
  producers: {
    summary: 'crawl the boards in CRAWL_BOARDS on their schedules into the bronze topic',
    create: async (config) => (await import('../producers/index')).createProducersComponent(config),
  },
  'demo-board': {
    summary: 'the offline demo job board on DEMO_BOARD_PORT',
    create: async (config) => (await import('../producers/index')).createDemoBoardComponent(config),
  },
  refine: {
    summary: 'bronze → silver: parse each board format, normalise, de-duplicate across boards',
    create: async (config) => (await import('../processors/refine/index')).createRefineComponent(config),
  },
  enrich: {
    summary: 'silver → gold: skills, job field, seniority by rules, with the optional LLM fill-in',
    create: async (config) => (await import('../processors/index')).createEnrichComponent(config),
  },
  'sink-s3': {
    summary: 'archive bronze and gold to S3 (gzip JSON Lines by board and date)',
    create: async (config) => (await import('../sinks/index')).createSinkComponent('sink-s3', config),
  },
  'sink-dynamodb': {
    summary: 'gold documents into DynamoDB, conditional on version',
    create: async (config) => (await import('../sinks/index')).createSinkComponent('sink-dynamodb', config),
  },
  'sink-mysql': {
    summary: 'gold postings into MySQL with incremental aggregates, exactly-once',
    create: async (config) => (await import('../sinks/index')).createSinkComponent('sink-mysql', config),
  },
  gateway: {
    summary: 'REST API (/api/v1, OpenAPI at /api/openapi.json), /metrics, and the dashboard on GATEWAY_PORT',
    create: async (config) => {
      const { startGateway } = await import('../gateway/index');
      let running: Awaited<ReturnType<typeof startGateway>> | undefined;
      return {
        name: 'gateway',
        start: async () => {
          running = await startGateway(config);
        },
        stop: async () => {
          await running?.stop();
        },
      };
    },
  },
};

export function componentNames(): string[] {
  return Object.keys(componentFactories).sort();
}
