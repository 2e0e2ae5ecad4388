import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, Gauge, Histogram, collectDefaultMetrics, register } from "prom-client";
import type {
  CounterConfiguration,
  GaugeConfiguration,
  HistogramConfiguration,
  LabelValues,
  Registry,
} from "prom-client";

/**
 * The process's one registry: prom-client's default one, on which every kit
 * (kafka, mongo, subgraph, gateway) registers its metrics, so that one
 * `GET /metrics` shows them all.
 */
export const metricsRegistry: Registry = register;

/** Every metric of the system is named `intl_…`. */
export const METRIC_PREFIX = "intl_";

/**
 * Latency buckets in seconds, from a store lookup by id (~1 ms) to an operation
 * at its deadline (4.5 s at a subgraph, 8 s at the gateway).
 */
export const latencyBuckets: readonly number[] = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

function checkName(name: string): void {
  if (!name.startsWith(METRIC_PREFIX)) throw new Error(`metric ${name} must be named ${METRIC_PREFIX}…`);
}

// Get-or-create: a module loaded twice (vitest workers, two services in one e2e process)
// gets the metric already registered instead of prom-client's "already registered" error.

/** A counter on the process registry, created once per name. */
export function counter<L extends string>(config: CounterConfiguration<L>): Counter<L> {
  checkName(config.name);
  return (register.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter(config);
}

/** A gauge on the process registry, created once per name. */
export function gauge<L extends string>(config: GaugeConfiguration<L>): Gauge<L> {
  checkName(config.name);
  return (register.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge(config);
}

/** A histogram on the process registry (default buckets: `latencyBuckets`), created once per name. */
export function histogram<L extends string>(config: HistogramConfiguration<L>): Histogram<L> {
  checkName(config.name);
  return (
    (register.getSingleMetric(config.name) as Histogram<L> | undefined) ??
    new Histogram({ buckets: [...latencyBuckets], ...config })
  );
}

const MAX_LABEL_LENGTH = 100;

/**
 * Keeps a label whose values come from outside (an operation name chosen by a
 * client) low-cardinality: the first `max` distinct values are kept, every later
 * one becomes `other`, so that no caller can grow the series without bound.
 */
export function boundedLabelValues(max: number, overflow = "other"): (value: string) => string {
  const seen = new Set<string>();
  return (raw) => {
    const value = raw.length > MAX_LABEL_LENGTH ? raw.slice(0, MAX_LABEL_LENGTH) : raw;
    if (seen.has(value)) return value;
    if (seen.size >= max) return overflow;
    seen.add(value);
    return value;
  };
}

/** Seconds since `startedMs` (a `performance.now()` reading), for `histogram.observe`. */
export function secondsSince(startedMs: number): number {
  return (performance.now() - startedMs) / 1000;
}

/** Node's own metrics (CPU, memory, event-loop delay, GC), prefixed `intl_`, once per process. */
function collectProcessMetrics(): void {
  if (register.getSingleMetric(`${METRIC_PREFIX}process_cpu_seconds_total`)) return;
  collectDefaultMetrics({ prefix: METRIC_PREFIX });
}

/**
 * The `GET /metrics` handler (Prometheus text format) of the process registry.
 * Mount it beside `/health`: never behind authentication or load shedding, so a
 * scrape still answers when the server is saturated.
 */
export function metricsHandler(): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  collectProcessMetrics();
  return async (_req, res) => {
    try {
      const body = await register.metrics();
      res.writeHead(200, { "content-type": register.contentType });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
      res.end(`metrics collection failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/**
 * The current value of one series of a metric of the process registry (its
 * `collect` callback run first), or undefined when there is no such series.
 * For a histogram, pass the series name (`…_count`, `…_sum`).
 */
export async function metricValue(
  name: string,
  labels: LabelValues<string> = {},
): Promise<number | undefined> {
  const series = name.replace(/_(count|sum|bucket)$/, "");
  const metric = register.getSingleMetric(name) ?? register.getSingleMetric(series);
  if (!metric) return undefined;
  const { values } = (await metric.get()) as {
    values: { value: number; labels: LabelValues<string>; metricName?: string }[];
  };
  const wanted = Object.entries(labels);
  const found = values.find(
    (value) =>
      (value.metricName ?? name) === name &&
      wanted.every(([key, expected]) => String(value.labels[key]) === String(expected)),
  );
  return found?.value;
}
