import { describe, expect, it } from "vitest";
import { pageSize } from "./pagination.ts";

describe("page size", () => {
  it("defaults to 20 when the client does not ask", () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it("accepts 0 to 100", () => {
    expect(pageSize(0)).toBe(0);
    expect(pageSize(100)).toBe(100);
  });

  it.each([-1, 101, 2.5, Number.NaN])("refuses %s as bad input on `first`", (first) => {
    expect(() => pageSize(first)).toThrowError(
      expect.objectContaining({ kind: "BAD_USER_INPUT", reason: "INVALID_PAGE_SIZE", field: "first" }),
    );
  });
});
