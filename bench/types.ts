// What every benchmark returns: measured figures and the ratios between things measured side by side in one run.
export interface BenchFigure {
  label: string;
  value: number;
  unit: string;
}

export interface BenchRatio {
  label: string;
  value: number;
  /** The target as text, e.g. '>= 5x' or '>= 50%'. */
  target?: string;
  /** Whether the target was met (informational: benchmarks never fail a build). */
  met?: boolean;
}

export interface BenchResult {
  name: string;
  figures: BenchFigure[];
  ratios: BenchRatio[];
  notes?: string[];
}

export type BenchFn = (args: string[]) => Promise<BenchResult>;
