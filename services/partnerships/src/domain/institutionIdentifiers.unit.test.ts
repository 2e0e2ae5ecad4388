import { describe, expect, it } from "vitest";
import { normaliseIdentifier, requireIdentifier, rorChecksum } from "./institutionIdentifiers.ts";
import { sortableName, validateInstitutionDetails } from "./institutionRegistration.ts";
import { stuttgart } from "../../test/fixtures.ts";

describe("institution identifiers", () => {
  it("reads a SCHAC code as a lower-case domain name", () => {
    expect(normaliseIdentifier("SCHAC", " Uni-Stuttgart.DE ")).toBe("uni-stuttgart.de");
    expect(normaliseIdentifier("SCHAC", "not a domain")).toBeNull();
    expect(normaliseIdentifier("SCHAC", "-bad.de")).toBeNull();
  });

  it("pads the Erasmus country prefix to three characters", () => {
    expect(normaliseIdentifier("ERASMUS", "D STUTTGA01")).toBe("D  STUTTGA01");
    expect(normaliseIdentifier("ERASMUS", "e  madrid05")).toBe("E  MADRID05");
    expect(normaliseIdentifier("ERASMUS", "SF HELSINK01")).toBe("SF HELSINK01");
    expect(normaliseIdentifier("ERASMUS", "IRLDUBLIN01")).toBe("IRLDUBLIN01");
    expect(normaliseIdentifier("ERASMUS", "F  ST-ETIE07")).toBe("F  ST-ETIE07");
    expect(normaliseIdentifier("ERASMUS", "STUTTGART")).toBeNull();
    expect(normaliseIdentifier("ERASMUS", "D  STUTTGA1")).toBeNull();
  });

  it("wants nine digits for a PIC", () => {
    expect(normaliseIdentifier("PIC", "999 883 985")).toBe("999883985");
    expect(normaliseIdentifier("PIC", "12345678")).toBeNull();
  });

  it("accepts a ROR id in bare or URL form with a valid checksum, stored bare", () => {
    expect(rorChecksum("03yrm5c")).toBe("26");
    expect(normaliseIdentifier("ROR", "https://ror.org/03yrm5c26")).toBe("03yrm5c26");
    expect(normaliseIdentifier("ROR", "03YRM5C26")).toBe("03yrm5c26");
    expect(normaliseIdentifier("ROR", "03yrm5c27")).toBeNull();
    expect(normaliseIdentifier("ROR", "13yrm5c26")).toBeNull();
    expect(normaliseIdentifier("ROR", "03yrm5i26")).toBeNull();
  });

  it("names the field and the expected format of a malformed identifier", () => {
    expect(() => requireIdentifier("PIC", "12", "input.identifiers.pic")).toThrow(
      expect.objectContaining({
        kind: "BAD_USER_INPUT",
        reason: "IDENTIFIER_INVALID",
        field: "input.identifiers.pic",
      }),
    );
  });
});

describe("registering an institution", () => {
  it("normalises what the office typed", () => {
    const details = validateInstitutionDetails({ ...stuttgart, name: "  Universität   Stuttgart " });
    expect(details).toMatchObject({
      name: "Universität Stuttgart",
      countryCode: "DE",
      zone: "EUROPE",
      website: "https://www.uni-stuttgart.de/",
      identifiers: { schac: "uni-stuttgart.de", erasmus: "D  STUTTGA01", pic: "999884664", ror: "04vnq7t77" },
    });
  });

  it("reports every bad field at once", () => {
    try {
      validateInstitutionDetails({
        name: " ",
        countryCode: "QQ",
        website: "ftp://x",
        identifiers: { pic: "1" },
      });
      expect.unreachable();
    } catch (error) {
      const fields = (error as { details: { errors: { field: string }[] } }).details.errors.map(
        (e) => e.field,
      );
      expect(fields).toEqual(["input.name", "input.countryCode", "input.website", "input.identifiers.pic"]);
    }
  });
});

describe("sorting institutions by name", () => {
  it("ignores case and accents", () => {
    expect(sortableName("Universidade de São Paulo")).toBe("universidade de sao paulo");
    expect(sortableName("École Polytechnique") < sortableName("ETH Zürich")).toBe(true);
  });
});
