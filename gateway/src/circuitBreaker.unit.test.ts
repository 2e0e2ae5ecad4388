import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuitBreaker.ts";

function breaker() {
  const clock = { nowMs: 0 };
  const circuit = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 10_000, now: () => clock.nowMs });
  return { circuit, clock };
}

describe("a subgraph's circuit breaker", () => {
  it("lets calls through while they succeed, and after fewer failures in a row than the threshold", () => {
    const { circuit } = breaker();
    circuit.failed();
    circuit.failed();
    circuit.succeeded();
    circuit.failed();
    circuit.failed();
    expect(circuit.admit()).toBe(true);
    expect(circuit.state).toBe("closed");
  });

  it("refuses calls at once for the cooldown after the threshold of failures in a row", () => {
    const { circuit, clock } = breaker();
    for (let i = 0; i < 3; i++) circuit.failed();
    expect(circuit.state).toBe("open");
    expect(circuit.admit()).toBe(false);
    clock.nowMs = 9_999;
    expect(circuit.admit()).toBe(false);
    expect(circuit.retryAfterMs()).toBe(1);
  });

  it("lets one trial call through after the cooldown, and closes when it succeeds", () => {
    const { circuit, clock } = breaker();
    for (let i = 0; i < 3; i++) circuit.failed();
    clock.nowMs = 10_000;
    expect(circuit.admit()).toBe(true);
    expect(circuit.admit()).toBe(false);
    circuit.succeeded();
    expect(circuit.state).toBe("closed");
    expect(circuit.admit()).toBe(true);
  });

  it("reopens for another cooldown when the trial call fails", () => {
    const { circuit, clock } = breaker();
    for (let i = 0; i < 3; i++) circuit.failed();
    clock.nowMs = 10_000;
    expect(circuit.admit()).toBe(true);
    circuit.failed();
    expect(circuit.state).toBe("open");
    expect(circuit.retryAfterMs()).toBe(10_000);
  });

  it("lets another trial through when the trial call's client left", () => {
    const { circuit, clock } = breaker();
    for (let i = 0; i < 3; i++) circuit.failed();
    clock.nowMs = 10_000;
    expect(circuit.admit()).toBe(true);
    circuit.abandoned();
    expect(circuit.admit()).toBe(true);
  });
});
