import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEventually } from "@intl/testing";
import { startCampaignsUnderTest } from "./campaignsTestService.ts";
import type { ApplicationFacts, CampaignsTestService, GraphQLResponse } from "./campaignsTestService.ts";

interface InterviewPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; status: string; slot: { start: string } }[];
}

let sut: CampaignsTestService;
let office: string;
let analyst: string;
let panelMember: string;
let colleague: string;
let outsider: string;
let partner: string;
let otherPartner: string;
let mission: string;
let closedMission: string;

const SCHEDULE = `mutation($input: ScheduleInterviewInput!) {
  scheduleInterview(input: $input) { id mode status slot { start end } campaign { id } panel { id } application { id } version }
}`;
const SCORE = `mutation($input: ScoreInterviewInput!) { scoreInterview(input: $input) { version score scoreSheets { panelMember { id } scores { criterion value } } } }`;
const COMPLETE = `mutation($input: CompleteInterviewInput!) { completeInterview(input: $input) { status recommendation score version completedAt } }`;

const nominee = (applicationId: string, institutionId = "tsinghua"): ApplicationFacts => ({
  applicationId,
  institutionId,
  countryCode: "CN",
  programmeCode: "ICM",
  academicYear: "2025-2026",
});

const onSite = (applicationId: string, start: string, end: string, panelFacultyIds = ["f-1"]) => ({
  applicationId,
  campaignId: mission,
  mode: "ON_SITE",
  slot: { start, end },
  panelFacultyIds,
});

async function schedule(input: Record<string, unknown>) {
  return sut.graphqlWithToken(office, SCHEDULE, { input });
}

async function interviewCount(): Promise<number> {
  return sut.connection.collection("interviews").countDocuments();
}

async function stageOf(applicationId: string): Promise<string> {
  const result = await sut.graphqlWithToken(
    office,
    `query($id: ID!) { campaign(id: $id) { candidates(first: 100) { nodes { stage application { id } } } } }`,
    { id: mission },
  );
  return result.data?.campaign.candidates.nodes.find(
    (node: { application: { id: string } }) => node.application.id === applicationId,
  )?.stage;
}

beforeAll(async () => {
  sut = await startCampaignsUnderTest();
  [office, analyst, panelMember, colleague, outsider, partner, otherPartner] = await Promise.all([
    sut.token({ role: "INTERNATIONAL_OFFICE" }),
    sut.token({ role: "ANALYST" }),
    sut.token({ role: "FACULTY", facultyId: "f-1" }),
    sut.token({ role: "FACULTY", facultyId: "f-2" }),
    sut.token({ role: "FACULTY", facultyId: "f-9" }),
    sut.token({ role: "PARTNER", institutionId: "tsinghua" }),
    sut.token({ role: "PARTNER", institutionId: "sjtu" }),
  ]);
  const create = async (name: string) => {
    const result = await sut.graphqlWithToken(
      office,
      `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
      {
        input: {
          name,
          countryCode: "CN",
          academicYear: "2025-2026",
          cities: ["Beijing"],
          startDate: "2025-03-10",
          endDate: "2025-03-14",
          mode: "JOINT_WITH_IMT",
          programmeCodes: ["ICM"],
          facultyIds: ["f-1", "f-2", "f-3", "f-4"],
        },
      },
    );
    const id = result.data?.createCampaign.id as string;
    await sut.graphqlWithToken(office, `mutation { openCampaign(id: "${id}") { status } }`);
    return id;
  };
  mission = await create("China 2025");
  closedMission = await create("China 2025, second tour");
  const events = [];
  for (const id of ["a-1", "a-2", "a-3", "a-4", "a-5", "a-6", "a-7", "a-8"])
    events.push(await sut.submitApplication(nominee(id)));
  events.push(await sut.submitApplication(nominee("a-sjtu", "sjtu")));
  events.push(await sut.submitApplication({ ...nominee("a-msc"), programmeCode: "MSC-DATA-SCIENCE" }));
  await sut.handled(...events);
  await sut.graphqlWithToken(office, `mutation { closeCampaign(id: "${closedMission}") { status } }`);
});

afterAll(async () => {
  await sut?.stop();
});

describe("scheduling interviews", () => {
  it("books an on-site slot inside the mission with a panel taking part in it", async () => {
    const result = await schedule(
      onSite("a-1", "2025-03-11T01:00:00Z", "2025-03-11T01:45:00Z", ["f-1", "f-2"]),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.scheduleInterview).toMatchObject({
      mode: "ON_SITE",
      status: "SCHEDULED",
      slot: { start: "2025-03-11T01:00:00.000Z", end: "2025-03-11T01:45:00.000Z" },
      campaign: { id: mission },
      panel: [{ id: "f-1" }, { id: "f-2" }],
      application: { id: "a-1" },
      version: 1,
    });
    expect(await stageOf("a-1")).toBe("INTERVIEW_SCHEDULED");
  });

  it.each([
    [
      "an on-site slot outside the mission's dates",
      () => onSite("a-2", "2025-03-20T01:00:00Z", "2025-03-20T02:00:00Z"),
      "BAD_USER_INPUT",
      "SLOT_OUTSIDE_CAMPAIGN",
      "input.slot",
    ],
    [
      "a panel member who is not on the mission",
      () => onSite("a-2", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z", ["f-1", "f-at-home"]),
      "BAD_USER_INPUT",
      "PANEL_MEMBER_NOT_ON_MISSION",
      "input.panelFacultyIds[1]",
    ],
    [
      "an empty panel",
      () => onSite("a-2", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z", []),
      "BAD_USER_INPUT",
      "PANEL_EMPTY",
      "input.panelFacultyIds",
    ],
    [
      "a slot off the 5-minute grid",
      () => onSite("a-2", "2025-03-12T01:02:00Z", "2025-03-12T02:00:00Z"),
      "BAD_USER_INPUT",
      "SLOT_OFF_GRID",
      "input.slot.start",
    ],
    [
      "a slot ending before it starts",
      () => onSite("a-2", "2025-03-12T02:00:00Z", "2025-03-12T01:00:00Z"),
      "BAD_USER_INPUT",
      "SLOT_END_NOT_AFTER_START",
      "input.slot.end",
    ],
    [
      "an on-site interview without campaign",
      () => ({ ...onSite("a-2", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z"), campaignId: null }),
      "BAD_USER_INPUT",
      "ON_SITE_NEEDS_CAMPAIGN",
      "input.campaignId",
    ],
    [
      "an application outside the campaign's pipeline",
      () => onSite("a-msc", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z"),
      "BAD_USER_INPUT",
      "NOT_A_CANDIDATE",
      "input.applicationId",
    ],
    [
      "an application it never heard of",
      () => onSite("a-unknown", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z"),
      "NOT_FOUND",
      "APPLICATION_NOT_FOUND",
      "input.applicationId",
    ],
    [
      "an on-site interview in a closed campaign",
      () => ({ ...onSite("a-2", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z"), campaignId: closedMission }),
      "CONFLICT",
      "CAMPAIGN_CLOSED",
      "input.campaignId",
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, input, code, reason, field) => {
    const before = await interviewCount();
    const result = await schedule(input());
    expect(result.errors?.[0]?.extensions).toMatchObject({ code, reason, field });
    expect(await interviewCount()).toBe(before);
  });

  it("books a video interview for a closed campaign's candidate, with any faculty, but adds no candidate to it", async () => {
    const video = await schedule({
      applicationId: "a-8",
      campaignId: closedMission,
      mode: "VIDEO",
      slot: { start: "2025-05-05T08:00:00Z", end: "2025-05-05T08:30:00Z" },
      panelFacultyIds: ["f-at-home"],
    });
    expect(video.errors).toBeUndefined();
    expect(video.data?.scheduleInterview).toMatchObject({
      mode: "VIDEO",
      campaign: { id: closedMission },
      status: "SCHEDULED",
    });
    const assigned = await sut.graphqlWithToken(
      office,
      `mutation { assignCandidate(input: { campaignId: "${closedMission}", applicationId: "a-msc" }) { id } }`,
    );
    expect(assigned.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "CAMPAIGN_CLOSED",
      field: "input.campaignId",
    });
  });

  it("books a video interview outside any campaign", async () => {
    const video = await schedule({
      applicationId: "a-msc",
      mode: "VIDEO",
      slot: { start: "2025-05-05T08:00:00Z", end: "2025-05-05T08:30:00Z" },
      panelFacultyIds: ["f-9"],
    });
    expect(video.data?.scheduleInterview).toMatchObject({ mode: "VIDEO", campaign: null });
  });

  it("refuses to book a candidate twice at overlapping times, and keeps no hold for the panel", async () => {
    const before = await interviewCount();
    const result = await schedule(onSite("a-1", "2025-03-11T01:30:00Z", "2025-03-11T02:00:00Z", ["f-3"]));
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "CANDIDATE_DOUBLE_BOOKED",
      field: "input.applicationId",
    });
    expect(await interviewCount()).toBe(before);
    // f-3 was never held: another candidate gets that very slot with f-3.
    const other = await schedule(onSite("a-3", "2025-03-11T01:30:00Z", "2025-03-11T02:00:00Z", ["f-3"]));
    expect(other.errors).toBeUndefined();
  });

  it("refuses to seat a panel member on two overlapping panels, naming them, and frees the candidate's hold", async () => {
    const result = await schedule(
      onSite("a-2", "2025-03-11T01:15:00Z", "2025-03-11T01:50:00Z", ["f-4", "f-2"]),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "PANEL_MEMBER_DOUBLE_BOOKED",
      field: "input.panelFacultyIds[1]",
    });
    const sameCandidateLater = await schedule(
      onSite("a-2", "2025-03-11T01:15:00Z", "2025-03-11T01:50:00Z", ["f-4"]),
    );
    expect(sameCandidateLater.errors).toBeUndefined();
  });

  it("books back-to-back slots", async () => {
    const result = await schedule(onSite("a-4", "2025-03-11T01:45:00Z", "2025-03-11T02:30:00Z", ["f-1"]));
    expect(result.errors).toBeUndefined();
  });

  it("frees both agendas when an interview is cancelled", async () => {
    const booked = await schedule(onSite("a-5", "2025-03-13T01:00:00Z", "2025-03-13T02:00:00Z", ["f-2"]));
    const id = booked.data?.scheduleInterview.id;
    const refused = await schedule(onSite("a-5", "2025-03-13T01:30:00Z", "2025-03-13T02:30:00Z", ["f-2"]));
    expect(refused.errors?.[0]?.extensions?.reason).toBe("CANDIDATE_DOUBLE_BOOKED");
    const cancelled = await sut.graphqlWithToken(
      office,
      `mutation { cancelInterview(id: "${id}") { status version } }`,
    );
    expect(cancelled.data?.cancelInterview).toEqual({ status: "CANCELLED", version: 2 });
    const rebooked = await schedule(onSite("a-5", "2025-03-13T01:30:00Z", "2025-03-13T02:30:00Z", ["f-2"]));
    expect(rebooked.errors).toBeUndefined();
  });

  it("lets exactly one of several simultaneous bookings of a panel member through", async () => {
    const candidates = ["a-6", "a-7", "a-3", "a-4"];
    const results = await Promise.all(
      candidates.map((id) => schedule(onSite(id, "2025-03-14T03:00:00Z", "2025-03-14T04:00:00Z", ["f-4"]))),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(
      results.filter((result) => result.errors?.[0]?.extensions?.reason === "PANEL_MEMBER_DOUBLE_BOOKED"),
    ).toHaveLength(3);
  });

  it("lets only the office schedule", async () => {
    const result = await sut.graphqlWithToken(panelMember, SCHEDULE, {
      input: onSite("a-6", "2025-03-12T05:00:00Z", "2025-03-12T06:00:00Z"),
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("scoring and completing an interview", () => {
  let interviewId: string;

  beforeAll(async () => {
    const result = await schedule(
      onSite("a-6", "2025-03-12T01:00:00Z", "2025-03-12T02:00:00Z", ["f-1", "f-2"]),
    );
    interviewId = result.data?.scheduleInterview.id;
  });

  it("lets a panel member record their own scores", async () => {
    const result = await sut.graphqlWithToken(panelMember, SCORE, {
      input: {
        interviewId,
        scores: [
          { criterion: "ACADEMIC_LEVEL", value: 16 },
          { criterion: "MOTIVATION", value: 14 },
        ],
      },
    });
    expect(result.data?.scoreInterview).toMatchObject({
      version: 2,
      score: 15,
      scoreSheets: [{ panelMember: { id: "f-1" } }],
    });
  });

  it("refuses a score outside 0–20, naming it, and changes nothing", async () => {
    const result = await sut.graphqlWithToken(colleague, SCORE, {
      input: { interviewId, scores: [{ criterion: "LANGUAGE", value: 21 }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "SCORE_OUT_OF_RANGE",
      field: "input.scores[0].value",
    });
    const after = await sut.graphqlWithToken(office, `{ interview(id: "${interviewId}") { version } }`);
    expect(after.data?.interview.version).toBe(2);
  });

  it("refuses faculty who are not on the panel, and a panel member scoring for a colleague", async () => {
    const notOnPanel = await sut.graphqlWithToken(outsider, SCORE, {
      input: { interviewId, scores: [{ criterion: "LANGUAGE", value: 10 }] },
    });
    expect(notOnPanel.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_ON_PANEL" });
    const forColleague = await sut.graphqlWithToken(panelMember, SCORE, {
      input: { interviewId, panelMemberId: "f-2", scores: [{ criterion: "LANGUAGE", value: 10 }] },
    });
    expect(forColleague.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      field: "input.panelMemberId",
    });
  });

  it("has the office name the panel member it records for", async () => {
    const unnamed = await sut.graphqlWithToken(office, SCORE, {
      input: { interviewId, scores: [{ criterion: "LANGUAGE", value: 10 }] },
    });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "PANEL_MEMBER_REQUIRED",
      field: "input.panelMemberId",
    });
  });

  it("refuses to score an interview before it starts", async () => {
    const future = await schedule({
      applicationId: "a-7",
      mode: "VIDEO",
      slot: { start: "2099-01-01T08:00:00Z", end: "2099-01-01T09:00:00Z" },
      panelFacultyIds: ["f-1"],
    });
    const result = await sut.graphqlWithToken(panelMember, SCORE, {
      input: {
        interviewId: future.data?.scheduleInterview.id,
        scores: [{ criterion: "LANGUAGE", value: 10 }],
      },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "INTERVIEW_NOT_YET_STARTED",
    });
  });

  it("completes with a colleague's scores and a recommendation, and publishes campaigns.interview.completed.v1", async () => {
    const result = await sut.graphqlWithToken(colleague, COMPLETE, {
      input: {
        interviewId,
        recommendation: "ADMIT",
        scores: [
          { criterion: "LANGUAGE", value: 18 },
          { criterion: "COMMUNICATION", value: 12 },
        ],
      },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.completeInterview).toMatchObject({
      status: "COMPLETED",
      recommendation: "ADMIT",
      score: 15,
      version: 4,
    });
    await expectEventually(() => {
      const events = sut.publishedInterviewEvents().filter((event) => event.subject === interviewId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: "campaigns.interview.completed.v1",
        source: "/services/campaigns",
        sequence: 4,
        data: {
          interviewId,
          applicationId: "a-6",
          campaignId: mission,
          mode: "ON_SITE",
          recommendation: "ADMIT",
          score: 15,
        },
      });
    });
    expect(await stageOf("a-6")).toBe("INTERVIEWED");
  });

  it("refuses to complete it twice", async () => {
    const again = await sut.graphqlWithToken(office, COMPLETE, {
      input: { interviewId, recommendation: "REJECT" },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "INTERVIEW_NOT_SCHEDULED",
    });
  });

  it("refuses to complete an interview nobody scored", async () => {
    const bare = await schedule({
      applicationId: "a-7",
      mode: "VIDEO",
      slot: { start: "2025-04-01T08:00:00Z", end: "2025-04-01T09:00:00Z" },
      panelFacultyIds: ["f-9"],
    });
    const result = await sut.graphqlWithToken(office, COMPLETE, {
      input: { interviewId: bare.data?.scheduleInterview.id, recommendation: "ADMIT" },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: "CONFLICT",
      reason: "INTERVIEW_NOT_SCORED",
    });
  });
});

describe("simultaneous work on one interview", () => {
  it("keeps both panel members' sheets when they score at the same moment, and completes it once", async () => {
    const booked = await schedule(
      onSite("a-2", "2025-03-13T05:00:00Z", "2025-03-13T06:00:00Z", ["f-1", "f-2"]),
    );
    const interviewId = booked.data?.scheduleInterview.id;
    const [first, second] = await Promise.all([
      sut.graphqlWithToken(panelMember, SCORE, {
        input: { interviewId, scores: [{ criterion: "MOTIVATION", value: 10 }] },
      }),
      sut.graphqlWithToken(colleague, SCORE, {
        input: { interviewId, scores: [{ criterion: "MOTIVATION", value: 20 }] },
      }),
    ]);
    expect([first.errors, second.errors]).toEqual([undefined, undefined]);
    const scored = await sut.graphqlWithToken(
      office,
      `{ interview(id: "${interviewId}") { score scoreSheets { panelMember { id } } } }`,
    );
    expect(scored.data?.interview.score).toBe(15);
    expect(scored.data?.interview.scoreSheets).toHaveLength(2);

    const completions = await Promise.all(
      [panelMember, colleague, office].map((token) =>
        sut.graphqlWithToken(token, COMPLETE, { input: { interviewId, recommendation: "WAITLIST" } }),
      ),
    );
    expect(completions.filter((result) => !result.errors)).toHaveLength(1);
    expect(
      completions.filter((result) => result.errors?.[0]?.extensions?.reason === "INTERVIEW_NOT_SCHEDULED"),
    ).toHaveLength(2);
    await sut.service.publishPendingEvents();
    await expectEventually(() =>
      expect(sut.publishedInterviewEvents().filter((event) => event.subject === interviewId)).toHaveLength(1),
    );
  });
});

describe("who sees which interview", () => {
  const LIST = `{ interviews(first: 100) { totalCount nodes { id application { id } } } }`;

  it("shows a faculty member the interviews of their panels only", async () => {
    const result = await sut.graphqlWithToken(colleague, LIST);
    const applications = result.data?.interviews.nodes.map(
      (node: { application: { id: string } }) => node.application.id,
    );
    expect(applications.length).toBeGreaterThan(0);
    const all = await sut.connection.collection("interviews").find({ panelFacultyIds: "f-2" }).toArray();
    expect(result.data?.interviews.totalCount).toBe(all.length);
  });

  it("shows a partner the slots of its own nominees, and nothing else of them", async () => {
    const own = await sut.graphqlWithToken(
      partner,
      `{ interviews(first: 100) { totalCount nodes { id mode status slot { start } application { id } } } }`,
    );
    expect(own.errors).toBeUndefined();
    expect(own.data?.interviews.totalCount).toBeGreaterThan(0);
    const one = own.data?.interviews.nodes[0].id;
    const details = await sut.graphqlWithToken(
      partner,
      `{ interview(id: "${one}") { slot { start } panel { id } score recommendation } }`,
    );
    expect(details.data?.interview).toMatchObject({
      slot: { start: expect.any(String) },
      panel: null,
      score: null,
      recommendation: null,
    });
    expect(details.errors?.map((error) => error.extensions?.code)).toEqual([
      "FORBIDDEN",
      "FORBIDDEN",
      "FORBIDDEN",
    ]);
    const others = await sut.graphqlWithToken(otherPartner, LIST);
    expect(others.data?.interviews.totalCount).toBe(0);
    const refused = await sut.graphqlWithToken(
      otherPartner,
      `{ interview(id: "${one}") { slot { start } } }`,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "NOT_YOUR_NOMINEE" });
  });

  it("filters the office's list by campaign, status and time window, earliest first, page by page", async () => {
    const query = `query($after: String, $filter: InterviewFilter) {
      interviews(filter: $filter, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id status slot { start } } }
    }`;
    const filter = {
      campaignId: mission,
      status: "SCHEDULED",
      from: "2025-03-11T00:00:00Z",
      to: "2025-03-12T00:00:00Z",
    };
    const expected = await sut.connection.collection("interviews").countDocuments({
      campaignId: mission,
      status: "SCHEDULED",
      "slot.start": { $gte: new Date(filter.from), $lt: new Date(filter.to) },
    });
    expect(expected).toBeGreaterThan(2);
    const seen: { id: string; status: string; slot: { start: string } }[] = [];
    let after: string | null = null;
    do {
      const page: GraphQLResponse<{ interviews: InterviewPage }> = await sut.graphqlWithToken(office, query, {
        filter,
        after,
      });
      expect(page.data?.interviews.totalCount).toBe(expected);
      seen.push(...(page.data?.interviews.nodes ?? []));
      after = page.data?.interviews.pageInfo.hasNextPage ? page.data.interviews.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(expected);
    expect(new Set(seen.map((node) => node.id)).size).toBe(expected);
    const starts = seen.map((node) => node.slot.start);
    expect([...starts].sort()).toEqual(starts);
    expect(
      seen.every((node) => node.status === "SCHEDULED" && node.slot.start.startsWith("2025-03-11")),
    ).toBe(true);
    const bad = await sut.graphqlWithToken(office, query, { filter: { from: "yesterday" } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "filter.from" });
  });

  it("shows analysts no interview", async () => {
    const result = await sut.graphqlWithToken(analyst, LIST);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });

  it("extends the students service's application with its interviews, within the viewer's scope", async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Application { id interviews { mode slot { start } } } } }`;
    const representations = [{ __typename: "Application", id: "a-1" }];
    const forPartner = await sut.graphqlWithToken(partner, query, { r: representations });
    expect(forPartner.data?._entities[0].interviews).toEqual([
      { mode: "ON_SITE", slot: { start: "2025-03-11T01:00:00.000Z" } },
    ]);
    const forOther = await sut.graphqlWithToken(otherPartner, query, { r: representations });
    expect(forOther.data?._entities[0].interviews).toEqual([]);
  });
});

describe("a withdrawn application", () => {
  it("has its scheduled interviews cancelled and their slots freed", async () => {
    const booked = await schedule(onSite("a-7", "2025-03-10T05:00:00Z", "2025-03-10T06:00:00Z", ["f-3"]));
    const id = booked.data?.scheduleInterview.id;
    await sut.handled(await sut.withdrawApplication(nominee("a-7"), 2));
    await expectEventually(async () => {
      const result = await sut.graphqlWithToken(office, `{ interview(id: "${id}") { status } }`);
      expect(result.data?.interview.status).toBe("CANCELLED");
    });
    const other = await schedule(onSite("a-3", "2025-03-10T05:00:00Z", "2025-03-10T06:00:00Z", ["f-3"]));
    expect(other.errors).toBeUndefined();
  });
});
