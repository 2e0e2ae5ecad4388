import { describe, expect, it } from "vitest";
import { createAggregateQueue } from "./aggregateQueue.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("the aggregate queue", () => {
  it("runs work on one aggregate one at a time, in arrival order", async () => {
    const queue = createAggregateQueue();
    const log: string[] = [];
    const step = (name: string) => async () => {
      log.push(`${name} starts`);
      await tick();
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([
      queue.run("interview:1", step("a")),
      queue.run("interview:1", step("b")),
    ]);
    expect(results).toEqual(["a", "b"]);
    expect(log).toEqual(["a starts", "a ends", "b starts", "b ends"]);
  });

  it("lets work on other aggregates run alongside", async () => {
    const queue = createAggregateQueue();
    const log: string[] = [];
    let release!: () => void;
    const blocked = queue.run("interview:1", () => new Promise<void>((resolve) => (release = resolve)));
    await queue.run("interview:2", async () => log.push("other aggregate ran"));
    expect(log).toEqual(["other aggregate ran"]);
    release();
    await blocked;
  });

  it("goes on after a failure, which reaches only its own caller", async () => {
    const queue = createAggregateQueue();
    await expect(queue.run("a", async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    await expect(queue.run("a", async () => "next")).resolves.toBe("next");
  });
});
