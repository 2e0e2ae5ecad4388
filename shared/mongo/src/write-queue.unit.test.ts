import { describe, expect, it } from "vitest";
import { createWriteQueue, documentKey } from "./write-queue.ts";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** Work named `name` that logs its start and end, a tick apart, and answers its name. */
const loggedWork = (log: string[]) => (name: string) => async () => {
  log.push(`${name} start`);
  await tick();
  log.push(`${name} end`);
  return name;
};

describe("the write queue", () => {
  it("runs work on one key one piece at a time, in arrival order", async () => {
    const queue = createWriteQueue();
    const log: string[] = [];
    const work = loggedWork(log);
    const results = await Promise.all([queue.run("a", work("1")), queue.run("a", work("2"))]);
    expect(results).toEqual(["1", "2"]);
    expect(log).toEqual(["1 start", "1 end", "2 start", "2 end"]);
  });

  it("lets work on different keys overlap", async () => {
    const queue = createWriteQueue();
    const log: string[] = [];
    const work = loggedWork(log);
    await Promise.all([queue.run("a", work("a")), queue.run("b", work("b"))]);
    expect(log.slice(0, 2)).toEqual(["a start", "b start"]);
  });

  it("goes on after a failure, which reaches only its caller", async () => {
    const queue = createWriteQueue();
    const failing = queue.run("a", async () => {
      throw new Error("refused");
    });
    const next = queue.run("a", async () => "next");
    await expect(failing).rejects.toThrow("refused");
    await expect(next).resolves.toBe("next");
  });

  it("keys a document by collection and id", () => {
    expect(documentKey("agreements", "ag-1")).toBe("agreements/ag-1");
  });
});
