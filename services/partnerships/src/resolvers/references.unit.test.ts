import { describe, expect, it } from "vitest";
import { createByIdLoader } from "@intl/subgraph";
import type { InstitutionDocument } from "../models/institutionModel.ts";
import { referencedInstitution } from "./context.ts";

type LoadedInstitution = InstitutionDocument & { id: string };

/** The per-request institution loader over a store that holds `found` only. */
function loaderOf(...found: LoadedInstitution[]) {
  return createByIdLoader<LoadedInstitution>(async (ids) =>
    found.filter((institution) => ids.includes(institution.id)),
  );
}

const institution = { _id: "inst-1", id: "inst-1" } as LoadedInstitution;

describe("the institution an agreement belongs to (Agreement.institution, non-null)", () => {
  it("is the one the loader finds", async () => {
    await expect(
      referencedInstitution({ loaders: { institution: loaderOf(institution) } }, "inst-1"),
    ).resolves.toBe(institution);
  });

  it("is a coded NOT_FOUND naming it, never a null the schema forbids, when it is missing", async () => {
    await expect(
      referencedInstitution({ loaders: { institution: loaderOf() } }, "inst-gone"),
    ).rejects.toMatchObject({
      kind: "NOT_FOUND",
      reason: "INSTITUTION_NOT_FOUND",
      details: { id: "inst-gone" },
    });
  });
});
