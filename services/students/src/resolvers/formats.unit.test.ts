import { describe, expect, it } from "vitest";
import { recordedProgramme } from "./formats.ts";

describe("the programme a stored student or application names (non-null programme)", () => {
  it("is the catalogue's programme of that code", () => {
    expect(recordedProgramme("ICM")).toMatchObject({ code: "ICM" });
  });

  it("is a coded NOT_FOUND, never a null the schema forbids, for a code the catalogue no longer has", () => {
    expect(() => recordedProgramme("RETIRED-PROGRAMME")).toThrow(
      expect.objectContaining({ kind: "NOT_FOUND", reason: "UNKNOWN_PROGRAMME" }),
    );
  });
});
