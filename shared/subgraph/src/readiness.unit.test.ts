import { describe, expect, it } from "vitest";
import { runReadinessChecks } from "./readiness.ts";

describe("readiness checks", () => {
  it("is ready when every check answers", async () => {
    const report = await runReadinessChecks({ store: async () => {}, kafka: async () => {} }, 100);
    expect(report).toEqual({ ready: true, checks: { store: "ok", kafka: "ok" }, failures: {} });
  });

  it("names the check that failed and why", async () => {
    const report = await runReadinessChecks(
      {
        store: async () => {},
        kafka: async () => {
          throw new Error("broker unreachable");
        },
      },
      100,
    );
    expect(report).toEqual({
      ready: false,
      checks: { store: "ok", kafka: "failed" },
      failures: { kafka: "broker unreachable" },
    });
  });

  it("gives up on a check that does not answer in time", async () => {
    const report = await runReadinessChecks({ store: () => new Promise<void>(() => {}) }, 20);
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({ store: "timed out" });
  });
});
