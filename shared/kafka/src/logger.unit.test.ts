import { describe, expect, it } from "vitest";
import { pino } from "pino";
import { childLogger } from "./logger.ts";
import type { KitLogger } from "./logger.ts";

describe("the kit logger", () => {
  it("accepts a pino logger as is and binds fields through its child loggers", () => {
    const lines: string[] = [];
    const logger: KitLogger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    childLogger(logger, { groupId: "g" }).info({ eventId: "e" }, "processed");
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({ groupId: "g", eventId: "e", msg: "processed" });
  });

  it("falls back to the logger itself when it cannot make children", () => {
    const seen: object[] = [];
    const plain: KitLogger = { debug() {}, info: (b) => void seen.push(b), warn() {}, error() {} };
    childLogger(plain, { groupId: "g" }).info({ eventId: "e" });
    expect(seen).toEqual([{ eventId: "e" }]);
  });
});
