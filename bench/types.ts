/** The contract between the runner and the metric modules. */

/** One line of the results table. `value` is null when the step could not measure it (see `note`). */
export interface ResultRow {
  /** Short label, unique within its metric ("video out-pkt/s per busy core"). */
  name: string;
  value: number | null;
  unit: string;
  /** What the number is compared with or how it was obtained, in a few words. */
  note?: string;
}

export interface MetricOutcome<Data = unknown> {
  rows: ResultRow[];
  /** Everything measured, for the JSON file (per-step samples, raw medians, ...). */
  data: Data;
  /** Conditions and caveats that belong next to the numbers in the docs. */
  notes: string[];
}

export interface MetricResult<Data = unknown> extends MetricOutcome<Data> {
  id: string;
  title: string;
  seconds: number;
  /** Set when the module threw: the rows it could not fill are absent. */
  error?: { code: string; message: string };
}

export interface BenchTools {
  /** Compiled C relays (metric 2 and the latency floor of metric 3). */
  relays: { sendto: string; mmsg: string };
  /** Janus and its browser library, or why they are missing. */
  janus: { ok: true; binary: string; janusJs: string; adapterJs: string } | { ok: false; reason: string };
  chromium: string;
}

export interface BenchContext {
  readonly tools: BenchTools;
  /** Results of the modules that ran before, by id. */
  readonly results: ReadonlyMap<string, MetricResult>;
  /** Short CPU-time-bounded runs for development (`--quick`); numbers are not for the docs. */
  readonly quick: boolean;
  log(message: string): void;
}

/**
 * A benchmark metric. Modules run in registry order; one may read an earlier module's result
 * (the floor reuses the forwarding knee). Adding a metric is adding a module to the registry.
 */
export interface MetricModule<Data = unknown> {
  readonly id: string;
  readonly title: string;
  /** Ids of modules whose results this one reads; the runner refuses an order that breaks this. */
  readonly needs?: readonly string[];
  run(ctx: BenchContext): Promise<MetricOutcome<Data>>;
}
