import { describe, expect, it } from "vitest";
import { caughtDomainError as caught } from "@intl/testing/caught-domain-error";
import { registerFaculty } from "./faculty.ts";
import type { RegisterFacultyCommand } from "./faculty.ts";
import { createResearchCentre } from "./researchCentre.ts";

const now = new Date("2026-01-05T08:00:00Z");
const command: RegisterFacultyCommand = {
  firstName: " Claire ",
  lastName: "Martin",
  email: "Claire.Martin@emse.example",
  centreId: "centre-cmp",
  domains: ["MICROELECTRONICS", "MICROELECTRONICS", "COMPUTER_SCIENCE"],
  languages: ["FR", "en"],
  hdr: true,
};

describe("registering a faculty member", () => {
  it("normalises names, email and languages, and keeps the HDR flag", () => {
    expect(registerFaculty(command, { centreExists: true }, "fac-1", now)).toEqual({
      id: "fac-1",
      firstName: "Claire",
      lastName: "Martin",
      email: "claire.martin@emse.example",
      centreId: "centre-cmp",
      domains: ["MICROELECTRONICS", "COMPUTER_SCIENCE"],
      languages: ["fr", "en"],
      hdr: true,
      registeredAt: now,
      demo: false,
    });
  });

  it("does not hold the HDR unless told", () => {
    expect(registerFaculty({ ...command, hdr: undefined }, { centreExists: true }, "fac-1", now).hdr).toBe(
      false,
    );
  });

  it("refuses languages that are not ISO 639-1 codes", () => {
    expect(
      caught(() => registerFaculty({ ...command, languages: ["french"] }, { centreExists: true }, "f", now)),
    ).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "INVALID_LANGUAGE",
      field: "input.languages",
    });
  });

  it("refuses a bad email and no domain together", () => {
    const error = caught(() =>
      registerFaculty({ ...command, email: "nope", domains: [] }, { centreExists: true }, "f", now),
    );
    expect(error).toMatchObject({ reason: "INVALID_EMAIL", field: "input.email" });
    expect(error.details?.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ reason: "NO_DOMAIN" })]),
    );
  });

  it("refuses an unknown centre", () => {
    expect(caught(() => registerFaculty(command, { centreExists: false }, "f", now))).toMatchObject({
      kind: "NOT_FOUND",
      reason: "UNKNOWN_CENTRE",
    });
  });
});

describe("creating a research centre", () => {
  it("has a short upper-case code, a name and its domains", () => {
    expect(
      createResearchCentre(
        { code: "SPIN", name: "Processes for industry", domains: ["ENERGY", "CHEMICAL_PROCESSES"] },
        "c-1",
      ),
    ).toMatchObject({
      code: "SPIN",
      domains: ["ENERGY", "CHEMICAL_PROCESSES"],
    });
  });

  it("refuses a lower-case code and no domain", () => {
    const error = caught(() => createResearchCentre({ code: "spin", name: "x", domains: [] }, "c-1"));
    expect(error).toMatchObject({ reason: "INVALID_CENTRE_CODE", field: "input.code" });
    expect(error.details?.errors).toHaveLength(2);
  });
});
