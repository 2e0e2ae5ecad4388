import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { boundedLabelValues, counter, histogram, metricValue, metricsHandler } from "./metrics.ts";

describe("the process registry", () => {
  it("gives the metric already registered under a name instead of failing on a second registration", () => {
    const first = counter({ name: "intl_test_twice_total", help: "twice", labelNames: ["kind"] });
    const second = counter({ name: "intl_test_twice_total", help: "twice", labelNames: ["kind"] });
    expect(second).toBe(first);
  });

  it("refuses a metric not named intl_…", () => {
    expect(() => counter({ name: "requests_total", help: "unprefixed" })).toThrow(/intl_/);
  });

  it("reads one series of a counter or a histogram by its labels", async () => {
    const hits = counter({ name: "intl_test_hits_total", help: "hits", labelNames: ["result"] });
    hits.inc({ result: "hit" }, 2);
    const latency = histogram({ name: "intl_test_latency_seconds", help: "latency", labelNames: ["op"] });
    latency.observe({ op: "find" }, 0.003);

    expect(await metricValue("intl_test_hits_total", { result: "hit" })).toBe(2);
    expect(await metricValue("intl_test_hits_total", { result: "miss" })).toBeUndefined();
    expect(await metricValue("intl_test_latency_seconds_count", { op: "find" })).toBe(1);
    expect(await metricValue("intl_test_latency_seconds_bucket", { op: "find", le: 0.005 })).toBe(1);
    expect(await metricValue("intl_test_latency_seconds_bucket", { op: "find", le: 0.0025 })).toBe(0);
  });
});

describe("a label whose values come from clients", () => {
  it("keeps the first values it sees and names every later one `other`", () => {
    const label = boundedLabelValues(2);
    expect(["a", "b", "c", "a", "d", "b"].map(label)).toEqual(["a", "b", "other", "a", "other", "b"]);
  });
});

describe("GET /metrics", () => {
  it("answers the registry in Prometheus text format, with the process's own metrics", async () => {
    counter({ name: "intl_test_served_total", help: "served" }).inc();
    const server = createServer(metricsHandler());
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      const text = await response.text();

      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(text).toMatch(/^intl_test_served_total 1$/m);
      expect(text).toMatch(/^intl_process_cpu_seconds_total \d/m);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
