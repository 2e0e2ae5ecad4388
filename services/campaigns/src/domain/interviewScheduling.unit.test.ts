import { describe, expect, it } from "vitest";
import type { KnownApplication } from "./applicationProgress.ts";
import type { Campaign } from "./campaign.ts";
import {
  cancelledInterview,
  planInterview,
  slotLiesInsideCampaign,
  slotsOverlap,
} from "./interviewScheduling.ts";
import type { ScheduleInterviewInput, SchedulingFacts } from "./interviewScheduling.ts";
import { caughtDomainError } from "@intl/testing/caught-domain-error";

const at = (iso: string) => new Date(iso);
const now = at("2026-03-01T08:00:00Z");

const campaign: Campaign = {
  id: "c-cn",
  name: "China 2026",
  countryCode: "CN",
  academicYear: "2026-2027",
  cities: ["Beijing"],
  startDate: "2026-03-09",
  endDate: "2026-03-13",
  mode: "JOINT_WITH_IMT",
  status: "OPEN",
  targetInstitutionIds: [],
  programmeCodes: ["ICM"],
  facultyIds: ["f-on-mission", "f-other-on-mission"],
  staff: [],
  budget: null,
  followUpContacts: [],
  demo: false,
  version: 2,
  createdAt: now,
  updatedAt: now,
};

const application: KnownApplication = {
  id: "a-1",
  institutionId: "tsinghua",
  countryCode: "CN",
  programmeCode: "ICM",
  academicYear: "2026-2027",
  requiresInterview: true,
  status: "SUBMITTED",
};

const onSite = (overrides: Partial<ScheduleInterviewInput> = {}): ScheduleInterviewInput => ({
  applicationId: "a-1",
  campaignId: "c-cn",
  mode: "ON_SITE",
  slot: { start: "2026-03-10T02:00:00Z", end: "2026-03-10T02:45:00Z" },
  panelFacultyIds: ["f-on-mission"],
  ...overrides,
});

const facts = (overrides: Partial<SchedulingFacts> = {}): SchedulingFacts => ({
  application,
  campaign,
  isCandidate: true,
  ...overrides,
});
const identity = { id: "i-1", now };

describe("slots", () => {
  const nineToTen = { start: at("2026-03-10T09:00:00Z"), end: at("2026-03-10T10:00:00Z") };

  it("overlap when each starts before the other ends", () => {
    expect(
      slotsOverlap(nineToTen, { start: at("2026-03-10T09:30:00Z"), end: at("2026-03-10T10:30:00Z") }),
    ).toBe(true);
    expect(
      slotsOverlap(nineToTen, { start: at("2026-03-10T08:00:00Z"), end: at("2026-03-10T11:00:00Z") }),
    ).toBe(true);
    expect(
      slotsOverlap(nineToTen, { start: at("2026-03-10T09:15:00Z"), end: at("2026-03-10T09:20:00Z") }),
    ).toBe(true);
  });

  it("do not overlap back to back", () => {
    expect(
      slotsOverlap(nineToTen, { start: at("2026-03-10T10:00:00Z"), end: at("2026-03-10T11:00:00Z") }),
    ).toBe(false);
    expect(
      slotsOverlap(nineToTen, { start: at("2026-03-10T08:00:00Z"), end: at("2026-03-10T09:00:00Z") }),
    ).toBe(false);
  });

  it("lie inside a campaign from the first instant of its first day to the last of its last day (UTC)", () => {
    expect(
      slotLiesInsideCampaign(
        { start: at("2026-03-09T00:00:00Z"), end: at("2026-03-09T01:00:00Z") },
        campaign,
      ),
    ).toBe(true);
    expect(
      slotLiesInsideCampaign(
        { start: at("2026-03-13T23:00:00Z"), end: at("2026-03-14T00:00:00Z") },
        campaign,
      ),
    ).toBe(true);
    expect(
      slotLiesInsideCampaign(
        { start: at("2026-03-08T23:30:00Z"), end: at("2026-03-09T00:30:00Z") },
        campaign,
      ),
    ).toBe(false);
    expect(
      slotLiesInsideCampaign(
        { start: at("2026-03-13T23:30:00Z"), end: at("2026-03-14T00:30:00Z") },
        campaign,
      ),
    ).toBe(false);
  });
});

describe("scheduling an interview", () => {
  it("plans an on-site interview inside the mission with a panel taking part in it", () => {
    // Given an open campaign and one of its candidates; When an on-site slot inside the mission is planned
    const interview = planInterview(onSite(), facts(), identity);
    // Then it is scheduled for that candidate, campaign and partner
    expect(interview).toMatchObject({
      id: "i-1",
      applicationId: "a-1",
      campaignId: "c-cn",
      institutionId: "tsinghua",
      mode: "ON_SITE",
      status: "SCHEDULED",
      panelFacultyIds: ["f-on-mission"],
      version: 1,
    });
    expect(interview.slot.start.toISOString()).toBe("2026-03-10T02:00:00.000Z");
  });

  it("refuses an on-site slot outside the campaign's dates", () => {
    const error = caughtDomainError(() =>
      planInterview(
        onSite({ slot: { start: "2026-03-20T02:00:00Z", end: "2026-03-20T03:00:00Z" } }),
        facts(),
        identity,
      ),
    );
    expect(error).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "SLOT_OUTSIDE_CAMPAIGN",
      field: "input.slot",
    });
  });

  it("refuses an on-site interview without a campaign", () => {
    const error = caughtDomainError(() =>
      planInterview(onSite({ campaignId: null }), facts({ campaign: null }), identity),
    );
    expect(error).toMatchObject({ reason: "ON_SITE_NEEDS_CAMPAIGN", field: "input.campaignId" });
  });

  it("refuses an on-site panel member who does not take part in the mission", () => {
    const error = caughtDomainError(() =>
      planInterview(onSite({ panelFacultyIds: ["f-on-mission", "f-at-home"] }), facts(), identity),
    );
    expect(error).toMatchObject({ reason: "PANEL_MEMBER_NOT_ON_MISSION", field: "input.panelFacultyIds[1]" });
  });

  it("refuses an on-site interview in a closed campaign", () => {
    const error = caughtDomainError(() =>
      planInterview(onSite(), facts({ campaign: { ...campaign, status: "CLOSED" } }), identity),
    );
    expect(error).toMatchObject({ kind: "CONFLICT", reason: "CAMPAIGN_CLOSED", field: "input.campaignId" });
  });

  it("plans a video interview of a closed campaign's candidate, at any time, with any faculty", () => {
    const video = onSite({
      mode: "VIDEO",
      slot: { start: "2026-05-04T08:00:00Z", end: "2026-05-04T08:30:00Z" },
      panelFacultyIds: ["f-at-home"],
    });
    const interview = planInterview(video, facts({ campaign: { ...campaign, status: "CLOSED" } }), identity);
    expect(interview).toMatchObject({ mode: "VIDEO", campaignId: "c-cn", status: "SCHEDULED" });
  });

  it("plans a video interview outside any campaign", () => {
    const video = onSite({ mode: "VIDEO", campaignId: null });
    expect(
      planInterview(video, facts({ campaign: null, isCandidate: false }), identity).campaignId,
    ).toBeNull();
  });

  it("refuses a slot that does not end after it starts", () => {
    const error = caughtDomainError(() =>
      planInterview(
        onSite({ slot: { start: "2026-03-10T02:00:00Z", end: "2026-03-10T02:00:00Z" } }),
        facts(),
        identity,
      ),
    );
    expect(error).toMatchObject({ reason: "SLOT_END_NOT_AFTER_START", field: "input.slot.end" });
  });

  it("refuses a slot off the 5-minute grid", () => {
    const error = caughtDomainError(() =>
      planInterview(
        onSite({ slot: { start: "2026-03-10T02:03:00Z", end: "2026-03-10T02:45:00Z" } }),
        facts(),
        identity,
      ),
    );
    expect(error).toMatchObject({
      kind: "BAD_USER_INPUT",
      reason: "SLOT_OFF_GRID",
      field: "input.slot.start",
    });
  });

  it("refuses a slot longer than four hours", () => {
    const error = caughtDomainError(() =>
      planInterview(
        onSite({ slot: { start: "2026-03-10T02:00:00Z", end: "2026-03-10T06:05:00Z" } }),
        facts(),
        identity,
      ),
    );
    expect(error).toMatchObject({ reason: "SLOT_TOO_LONG", field: "input.slot.end" });
  });

  it("refuses a slot without its offset", () => {
    const error = caughtDomainError(() =>
      planInterview(
        onSite({ slot: { start: "2026-03-10T02:00:00", end: "2026-03-10T03:00:00Z" } }),
        facts(),
        identity,
      ),
    );
    expect(error).toMatchObject({ reason: "INVALID_DATE", field: "input.slot.start" });
  });

  it("refuses an empty panel, and a panel member listed twice", () => {
    expect(
      caughtDomainError(() => planInterview(onSite({ panelFacultyIds: [] }), facts(), identity)),
    ).toMatchObject({
      reason: "PANEL_EMPTY",
      field: "input.panelFacultyIds",
    });
    expect(
      caughtDomainError(() =>
        planInterview(onSite({ panelFacultyIds: ["f-on-mission", "f-on-mission"] }), facts(), identity),
      ),
    ).toMatchObject({
      reason: "DUPLICATE_VALUE",
      field: "input.panelFacultyIds[1]",
    });
  });

  it("refuses a campaign interview for an application outside the campaign's pipeline", () => {
    expect(
      caughtDomainError(() => planInterview(onSite(), facts({ isCandidate: false }), identity)),
    ).toMatchObject({
      reason: "NOT_A_CANDIDATE",
      field: "input.applicationId",
    });
  });

  it("refuses an application it does not know", () => {
    expect(
      caughtDomainError(() => planInterview(onSite(), facts({ application: null }), identity)),
    ).toMatchObject({
      kind: "NOT_FOUND",
      reason: "APPLICATION_NOT_FOUND",
      field: "input.applicationId",
    });
  });

  it.each(["ADMITTED", "REJECTED", "WITHDRAWN", "ENROLLED"] as const)(
    "refuses to interview a %s application",
    (status) => {
      expect(
        caughtDomainError(() =>
          planInterview(onSite(), facts({ application: { ...application, status } }), identity),
        ),
      ).toMatchObject({
        kind: "CONFLICT",
        reason: "APPLICATION_NOT_PENDING",
      });
    },
  );
});

describe("cancelling an interview", () => {
  const scheduled = planInterview(onSite(), facts(), identity);

  it("cancels a scheduled interview", () => {
    expect(cancelledInterview(scheduled, now)).toMatchObject({
      status: "CANCELLED",
      version: 2,
      cancelledAt: now,
    });
  });

  it("refuses to cancel an interview twice", () => {
    expect(
      caughtDomainError(() => cancelledInterview(cancelledInterview(scheduled, now), now)),
    ).toMatchObject({
      kind: "CONFLICT",
      reason: "INTERVIEW_NOT_SCHEDULED",
    });
  });
});
