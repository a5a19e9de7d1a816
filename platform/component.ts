// A long-running part of the pipeline (a crawler scheduler, a stage, a sink, the gateway), as `techmap run` sees it.
export interface Component {
  name: string;
  /** Starts work and resolves once running (not when finished). */
  start(): Promise<void>;
  /** Stops gracefully: finishes or abandons in-flight work without losing it, releases connections. */
  stop(): Promise<void>;
  /** Throws when a dependency does not answer; used by /ready. */
  ready?(): Promise<void>;
}
