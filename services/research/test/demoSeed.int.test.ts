import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventEnvelope } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { loadCentresAndFaculty, loadPartnerActivity } from "../src/seed/loadDemoData.ts";
import { ResearchTestService } from "./researchTestService.ts";

const service = new ResearchTestService();
const institutions = [
  { id: "inst-demo-001", countryCode: "BR" },
  { id: "inst-demo-002", countryCode: "CN" },
  { id: "inst-demo-003", countryCode: "MA" },
];
const office = { role: "INTERNATIONAL_OFFICE" } as const;
const quiet = () => {};
let collaborationEvents: EventEnvelope[];
let phdEvents: EventEnvelope[];

beforeAll(async () => {
  await service.start();
  await service.knownInstitutions(institutions);
  collaborationEvents = await service.collect("research.collaboration");
  phdEvents = await service.collect("research.phd");
});

afterAll(() => service.stop());

async function counts() {
  const answer = await service.graphql(
    `{ researchCentres { totalCount } faculties(first: 0) { totalCount } collaborations(first: 0) { totalCount }
       facultyMobilities(first: 0) { totalCount } phdPositions(first: 0) { totalCount } filled: phdPositions(filter: { status: FILLED }, first: 0) { totalCount } }`,
    {},
    office,
  );
  return Object.fromEntries(
    Object.entries(answer.data!).map(([key, value]) => [key, (value as { totalCount: number }).totalCount]),
  );
}

describe("the demo seed", () => {
  it("loads centres, faculty and partner activity through the application operations, and converges when run again", async () => {
    const now = new Date();
    const faculty = await loadCentresAndFaculty(service.app, 40, quiet);
    await loadPartnerActivity(service.app, institutions, faculty, now, quiet);
    const first = await counts();
    expect(first).toMatchObject({ researchCentres: 5, faculties: 40, filled: 2 });
    expect(first.collaborations).toBeGreaterThanOrEqual(institutions.length);
    expect(first.facultyMobilities).toBeGreaterThan(0);

    await loadPartnerActivity(
      service.app,
      institutions,
      await loadCentresAndFaculty(service.app, 40, quiet),
      now,
      quiet,
    );
    expect(await counts()).toEqual(first);
  });

  it("publishes the demo collaborations' starts and the PhD selections (once each)", async () => {
    const ongoing = await service.graphql(
      `{ collaborations(filter: { status: ONGOING }, first: 0) { totalCount } }`,
      {},
      office,
    );
    const ended = await service.graphql(
      `{ collaborations(filter: { status: ENDED }, first: 0) { totalCount } }`,
      {},
      office,
    );
    const startedCount = ongoing.data!.collaborations.totalCount + ended.data!.collaborations.totalCount;
    await expectEventually(() => {
      expect(collaborationEvents.filter((e) => e.type === "research.collaboration.started.v1")).toHaveLength(
        startedCount,
      );
      expect(phdEvents).toHaveLength(2);
    });
  });
});
