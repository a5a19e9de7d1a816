// The long-running components `techmap run <name>` knows, each loaded only when asked for.
import type { Config } from '../platform/config';
import type { Component } from '../platform/component';

type Factory = (config: Config) => Promise<Component>;

export const componentFactories: Record<string, { summary: string; create: Factory }> = {};

export function componentNames(): string[] {
  return Object.keys(componentFactories).sort();
}
