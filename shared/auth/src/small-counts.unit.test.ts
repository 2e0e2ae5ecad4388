import { describe, expect, it } from "vitest";
import { Role } from "./roles.ts";
import { shownCount } from "./small-counts.ts";
import type { Viewer } from "./viewer.ts";
import { signedIn } from "./viewer.fixtures.ts";

const as = (role: Role): Viewer => signedIn(role);

describe('small counts of people ("<5")', () => {
  it("hides a count of 1 to 4 from an analyst", () => {
    for (const count of [1, 3, 4]) {
      expect(shownCount(as(Role.ANALYST), count)).toEqual({ value: null, shown: "<5" });
    }
  });

  it("shows an analyst 0 and 5 or more", () => {
    expect(shownCount(as(Role.ANALYST), 0)).toEqual({ value: 0, shown: "0" });
    expect(shownCount(as(Role.ANALYST), 5)).toEqual({ value: 5, shown: "5" });
    expect(shownCount(as(Role.ANALYST), 12)).toEqual({ value: 12, shown: "12" });
  });

  it("shows ADMIN and the office the exact count", () => {
    expect(shownCount(as(Role.ADMIN), 3)).toEqual({ value: 3, shown: "3" });
    expect(shownCount(as(Role.INTERNATIONAL_OFFICE), 3)).toEqual({ value: 3, shown: "3" });
  });
});
