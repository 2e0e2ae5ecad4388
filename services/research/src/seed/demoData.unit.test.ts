import { describe, expect, it } from "vitest";
import { researchDomains } from "../domain/vocabulary.ts";
import {
  demoCentres,
  demoCollaborations,
  demoFaculty,
  demoFacultyMobilities,
  demoPhdPositions,
} from "./demoData.ts";

const institutions = Array.from({ length: 12 }, (_, i) => ({
  id: `inst-demo-${String(i + 1).padStart(3, "0")}`,
  countryCode: "BR",
}));

describe("the research demo data", () => {
  it("gives the centres, together, every PhD domain of excellence of the seed", () => {
    expect(new Set(demoCentres.flatMap((centre) => centre.domains))).toEqual(new Set(researchDomains));
  });

  it("has a few hundred faculty members by default, a realistic 35-40 % of them with the HDR", () => {
    const faculty = demoFaculty(250);
    expect(faculty).toHaveLength(250);
    const share = faculty.filter((member) => member.hdr).length / faculty.length;
    expect(share).toBeGreaterThanOrEqual(0.35);
    expect(share).toBeLessThanOrEqual(0.4);
    expect(new Set(faculty.map((member) => member.email)).size).toBe(250);
  });

  it("is the same on every run, so the seed converges instead of duplicating", () => {
    expect(demoFaculty(40)).toEqual(demoFaculty(40));
    const faculty = demoFaculty(40);
    expect(demoCollaborations(institutions, faculty, 2026)).toEqual(
      demoCollaborations(institutions, faculty, 2026),
    );
  });

  it("is marked demo", () => {
    expect(demoCentres.every((centre) => centre.name.includes("(demo)"))).toBe(true);
    expect(demoFaculty(5).every((member) => member.lastName.includes("(demo)"))).toBe(true);
  });

  it("gives every demo institution at least one collaboration, and ends only in the past", () => {
    const collaborations = demoCollaborations(institutions, demoFaculty(40), 2026);
    expect(new Set(collaborations.flatMap((c) => c.institutionIds))).toEqual(
      new Set(institutions.map((i) => i.id)),
    );
    for (const ended of collaborations.filter((c) => c.target === "ENDED")) {
      expect(ended.endedOn! >= ended.startDate && ended.endedOn! < "2026-09-01").toBe(true);
    }
  });

  it("completes only stays that are over, and supervises PhDs by HDR faculty only", () => {
    const faculty = demoFaculty(40);
    for (const stay of demoFacultyMobilities(institutions, faculty, 2026).filter((m) => m.complete))
      expect(stay.endDate < "2026-09-01").toBe(true);
    const hdr = new Set(faculty.filter((f) => f.hdr).map((f) => f.id));
    for (const position of demoPhdPositions(institutions, faculty, 2026))
      expect(hdr.has(position.supervisorId)).toBe(true);
  });
});
