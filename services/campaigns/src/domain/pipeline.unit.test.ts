import { describe, expect, it } from "vitest";
import { applicationStatusAfter } from "./applicationProgress.ts";
import { candidateStage } from "./candidateStage.ts";
import { campaignRecruitsApplication, candidateId } from "./pipelineMatching.ts";

const brazil2026 = {
  countryCode: "BR",
  academicYear: "2026-2027",
  programmeCodes: ["ICM", "ISMIN"],
  status: "OPEN" as const,
};
const nomination = { countryCode: "BR", academicYear: "2026-2027", programmeCode: "ISMIN" };

describe("joining a campaign's pipeline", () => {
  it("takes an application from the campaign's country, for one of its programmes and its intake year", () => {
    expect(campaignRecruitsApplication(brazil2026, nomination)).toBe(true);
    expect(campaignRecruitsApplication({ ...brazil2026, status: "PLANNED" }, nomination)).toBe(true);
  });

  it.each([
    ["another country", { ...nomination, countryCode: "CN" }],
    ["another programme", { ...nomination, programmeCode: "MSC-DATA-SCIENCE" }],
    ["another intake year", { ...nomination, academicYear: "2027-2028" }],
  ])("ignores an application from %s", (_label, application) => {
    expect(campaignRecruitsApplication(brazil2026, application)).toBe(false);
  });

  it("takes no more candidates once the campaign is closed", () => {
    expect(campaignRecruitsApplication({ ...brazil2026, status: "CLOSED" }, nomination)).toBe(false);
  });

  it("names one candidate per campaign and application", () => {
    expect(candidateId("c-1", "a-9")).toBe(candidateId("c-1", "a-9"));
    expect(candidateId("c-1", "a-9")).not.toBe(candidateId("c-2", "a-9"));
  });
});

describe("an application's status from the students service's events", () => {
  it("follows submission, decision, withdrawal and enrolment", () => {
    expect(applicationStatusAfter({ type: "submitted" })).toBe("SUBMITTED");
    expect(applicationStatusAfter({ type: "decided", decision: "WAITLISTED" })).toBe("WAITLISTED");
    expect(applicationStatusAfter({ type: "withdrawn" })).toBe("WITHDRAWN");
    expect(applicationStatusAfter({ type: "enrolled" })).toBe("ENROLLED");
  });
});

describe("a candidate's stage", () => {
  it("is IN_PIPELINE before any interview", () => {
    expect(candidateStage("SUBMITTED", [])).toBe("IN_PIPELINE");
    expect(candidateStage("SUBMITTED", ["CANCELLED"])).toBe("IN_PIPELINE");
  });

  it("follows the campaign's interviews while the application awaits its decision", () => {
    expect(candidateStage("SUBMITTED", ["CANCELLED", "SCHEDULED"])).toBe("INTERVIEW_SCHEDULED");
    expect(candidateStage("SUBMITTED", ["SCHEDULED", "COMPLETED"])).toBe("INTERVIEWED");
  });

  it("takes the students service's word once the application is decided, withdrawn or enrolled", () => {
    expect(candidateStage("ADMITTED", ["COMPLETED"])).toBe("ADMITTED");
    expect(candidateStage("REJECTED", ["COMPLETED"])).toBe("REJECTED");
    expect(candidateStage("WITHDRAWN", ["SCHEDULED"])).toBe("WITHDRAWN");
    expect(candidateStage("ENROLLED", [])).toBe("ENROLLED");
  });
});
