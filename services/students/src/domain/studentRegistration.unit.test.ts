import { describe, expect, it } from "vitest";
import { findProgramme } from "./programmes.ts";
import { assertCanEnrol, checkStudentRegistration, cohortStarting } from "./studentRegistration.ts";

const registration = {
  firstName: "Louise",
  lastName: "Martin",
  email: "louise.martin@emse.example",
  birthDate: "2004-03-01",
  nationality: "FR",
  programmeCode: "ICM",
  cohort: 2028,
};

describe("registering a student", () => {
  it("given valid facts, when checked, then the programme is returned", () => {
    expect(checkStudentRegistration(registration, "2026-11-25").code).toBe("ICM");
  });

  it("given an unknown programme or an absurd cohort, when checked, then the field is named", () => {
    expect(() =>
      checkStudentRegistration({ ...registration, programmeCode: "X" }, "2026-11-25"),
    ).toThrowError(expect.objectContaining({ field: "input.programmeCode" }));
    expect(() => checkStudentRegistration({ ...registration, cohort: 20280 }, "2026-11-25")).toThrowError(
      expect.objectContaining({ field: "input.cohort" }),
    );
  });

  it("places an admitted engineering candidate starting in 2027-2028 in the cohort graduating in 2029", () => {
    expect(cohortStarting(findProgramme("ICM")!, "2027-2028")).toBe(2029);
    expect(cohortStarting(findProgramme("EXCHANGE-1S")!, "2027-2028")).toBe(2028);
  });

  it("enrols only an admitted candidate", () => {
    expect(() => assertCanEnrol("ADMITTED")).not.toThrow();
    expect(() => assertCanEnrol("WAITLISTED")).toThrowError(
      expect.objectContaining({ reason: "ILLEGAL_TRANSITION" }),
    );
  });
});
