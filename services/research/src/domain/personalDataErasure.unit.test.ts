import { describe, expect, it } from "vitest";
import type { PhdCandidateState } from "./phdPosition.ts";
import { candidatesErased, coSupervisorErased, facultyErased } from "./personalDataErasure.ts";

const candidate = (id: string, facts: Partial<PhdCandidateState>): PhdCandidateState => ({
  id,
  applicationId: null,
  studentId: null,
  fullName: null,
  institutionId: "usp",
  assessment: null,
  candidateAgreedAt: null,
  coSupervisorAgreedAt: null,
  addedAt: new Date("2026-01-01T00:00:00Z"),
  ...facts,
});

describe("erasure in the research service", () => {
  it("drops a nominated student's link from their candidacy and keeps the candidacy", () => {
    const nominated = candidate("c1", { applicationId: "a1", studentId: "s1" });
    const other = candidate("c2", { studentId: "s2" });
    const { candidates, erased } = candidatesErased([nominated, other], { kind: "STUDENT", id: "s1" });
    expect(erased).toBe(1);
    expect(candidates).toEqual([{ ...nominated, studentId: null, fullName: null }, other]);
  });

  it("removes the name of a candidate added directly, found by the candidate's id", () => {
    const direct = candidate("c3", { fullName: "Carla Direta" });
    expect(
      candidatesErased([direct], { kind: "PHD_CANDIDATE", id: "c3" }).candidates[0]!.fullName,
    ).toBeNull();
  });

  it("counts nothing for a candidate already erased", () => {
    expect(candidatesErased([candidate("c3", {})], { kind: "PHD_CANDIDATE", id: "c3" }).erased).toBe(0);
  });

  it("keeps a co-supervisor's institution, not their name, and does nothing twice", () => {
    expect(coSupervisorErased({ fullName: "Paulo Souza", institutionId: "usp" })).toEqual({
      fullName: null,
      institutionId: "usp",
    });
    expect(coSupervisorErased({ fullName: null as unknown as string, institutionId: "usp" })).toBeNull();
  });

  it("leaves a faculty member no name and an opaque, unique token instead of the email", () => {
    expect(facultyErased("t1")).toEqual({ firstName: null, lastName: null, email: "erased:t1" });
  });
});
