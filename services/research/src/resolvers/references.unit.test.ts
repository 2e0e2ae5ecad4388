import { describe, expect, it } from "vitest";
import { createByIdLoader } from "@intl/subgraph";
import type { FacultyState } from "../domain/faculty.ts";
import type { ResearchCentreState } from "../domain/researchCentre.ts";
import { referencedCentre, referencedFaculty } from "./context.ts";

/** The per-request loader over a store that holds `found` only. */
function loaderOf<T extends { id: string }>(...found: T[]) {
  return createByIdLoader<T>(async (ids) => found.filter((item) => ids.includes(item.id)));
}

const centre = { id: "centre-cmp" } as ResearchCentreState;
const faculty = { id: "fac-1" } as FacultyState;

describe("a centre or faculty member a stored document points to (non-null fields)", () => {
  it("is the one the loader finds", async () => {
    await expect(referencedCentre({ loaders: { centre: loaderOf(centre) } }, "centre-cmp")).resolves.toBe(
      centre,
    );
    await expect(referencedFaculty({ loaders: { faculty: loaderOf(faculty) } }, "fac-1")).resolves.toBe(
      faculty,
    );
  });

  it("is a coded NOT_FOUND naming it, never a null the schema forbids, when it is missing", async () => {
    await expect(referencedCentre({ loaders: { centre: loaderOf() } }, "centre-gone")).rejects.toMatchObject({
      kind: "NOT_FOUND",
      reason: "UNKNOWN_CENTRE",
      details: { id: "centre-gone" },
    });
    await expect(referencedFaculty({ loaders: { faculty: loaderOf() } }, "fac-gone")).rejects.toMatchObject({
      kind: "NOT_FOUND",
      reason: "UNKNOWN_FACULTY",
      details: { id: "fac-gone" },
    });
  });
});
