export {
  boundedLabelValues,
  counter,
  gauge,
  histogram,
  latencyBuckets,
  METRIC_PREFIX,
  metricValue,
  metricsHandler,
  metricsRegistry,
  secondsSince,
} from "./metrics.ts";
