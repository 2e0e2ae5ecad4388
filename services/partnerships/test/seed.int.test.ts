import { collaborationStarted, createEvent } from "@intl/events";
import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPartners, type DemoPartners } from "../src/seed/demoPartners.ts";
import {
  carriedStrategicCandidates,
  designateDemoStrategicPartners,
  loadDemoPartners,
  loadDemoReferenceData,
} from "../src/seed/loadDemoData.ts";
import { seedClock } from "../src/seed/seedClock.ts";
import { PartnershipsTestService } from "./partnershipsTestService.ts";

const clock = seedClock();
const quiet = () => {};
const partnerships = new PartnershipsTestService({ clock: clock.now });
/** Every third demo partner (all zones), with its agreements and evidence: the loader's behaviour at a third of the cost. */
function everyThirdPartner(full: DemoPartners): DemoPartners {
  const kept = new Set(
    full.institutions.filter((_, index) => index % 3 === 0).map((institution) => institution.id),
  );
  return {
    institutions: full.institutions.filter((institution) => kept.has(institution.id)),
    agreements: full.agreements.filter((agreement) => kept.has(agreement.institutionId)),
    evidence: full.evidence.filter((item) => kept.has(item.institutionId)),
    strategicCandidates: full.strategicCandidates.filter((id) => kept.has(id)),
  };
}
const demo = everyThirdPartner(demoPartners(new Date()));
const strategicTarget = 10;

beforeAll(async () => {
  await partnerships.start();
  await loadDemoReferenceData(partnerships.app, quiet);
  await loadDemoPartners(partnerships.app, clock, demo, quiet);
}, 240_000);

afterAll(() => partnerships.stop());

const count = (collection: string, filter: object = {}) =>
  partnerships.connection.collection(collection).countDocuments(filter);

describe("the demo data", () => {
  it("loads the source's countries, networks and labels, and the demo partners with their agreements", async () => {
    expect(await count("country_profiles", { imtPriority: true })).toBe(3);
    expect(await count("networks")).toBe(6);
    expect(await count("school_labels")).toBe(3);
    expect(await count("institutions", { demo: true })).toBe(demo.institutions.length);
    expect(await count("agreements", { demo: true })).toBe(demo.agreements.length);
    const statuses = new Map(
      (await partnerships.connection.collection("agreements").find().toArray()).map((a) => [
        String(a._id),
        a,
      ]),
    );
    const off = demo.agreements.filter(
      (agreement) => statuses.get(agreement.id)?.status !== agreement.target,
    );
    expect(off.map((agreement) => ({ ...agreement, actual: statuses.get(agreement.id) }))).toEqual([]);
    for (const target of ["ACTIVE", "EXPIRED", "TERMINATED", "DRAFT"]) {
      expect(await count("agreements", { status: target })).toBe(
        demo.agreements.filter((agreement) => agreement.target === target).length,
      );
    }
  });

  it("adds nothing when loaded again", async () => {
    const before = {
      institutions: await count("institutions"),
      agreements: await count("agreements"),
      networks: await count("networks"),
    };
    const evidence = (await partnerships.connection.collection("institutions").find().toArray()).flatMap(
      (i) => i.partnership.officeEvidence,
    );
    await loadDemoReferenceData(partnerships.app, quiet);
    await loadDemoPartners(partnerships.app, clock, demo, quiet);
    expect({
      institutions: await count("institutions"),
      agreements: await count("agreements"),
      networks: await count("networks"),
    }).toEqual(before);
    const evidenceAfter = (await partnerships.connection.collection("institutions").find().toArray()).flatMap(
      (i) => i.partnership.officeEvidence,
    );
    expect(evidenceAfter).toHaveLength(evidence.length);
  });

  it("designates strategic partners carried by the centres of ongoing research collaborations", async () => {
    for (const [index, institutionId] of demo.strategicCandidates.slice(0, strategicTarget + 2).entries()) {
      const collaborationId = `col-demo-test-${index}`;
      await partnerships.publishEnvelope(
        collaborationStarted.topic,
        createEvent(collaborationStarted, {
          id: `event-${collaborationId}`,
          source: "/services/research",
          subject: collaborationId,
          time: new Date(),
          sequence: 2,
          data: {
            collaborationId,
            type: "JOINT_RESEARCH",
            institutionIds: [institutionId],
            companies: [],
            dimensions: ["RESEARCH"],
            centreId: `centre-demo-${index % 5}`,
            leadFacultyId: `fac-demo-${index}`,
            startDate: "2024-01-15",
            endDate: null,
          },
        }),
      );
    }
    await expectEventually(
      async () =>
        expect(await carriedStrategicCandidates(partnerships.app, demo)).toBeGreaterThanOrEqual(
          strategicTarget,
        ),
      { timeoutMs: 30_000 },
    );
    const designated = await designateDemoStrategicPartners(
      partnerships.app,
      demo,
      new Date(),
      { target: strategicTarget },
      quiet,
    );
    expect(designated).toBe(strategicTarget);
    const first = await partnerships.app.findInstitution(demo.strategicCandidates[0]!);
    expect(first?.partnership.strategic).toMatchObject({
      carryingCentreId: "centre-demo-0",
      leadFacultyId: "fac-demo-0",
    });
    expect(first?.partnership.tier).toMatch(/STRATEGIC|COMPLETE/);
    expect(
      await designateDemoStrategicPartners(
        partnerships.app,
        demo,
        new Date(),
        { target: strategicTarget },
        quiet,
      ),
    ).toBe(strategicTarget);
  });

  it("answers the analyst's question: agreements by zone and the strategic/complete counts against targets", async () => {
    const answer = await partnerships.graphql<{
      agreementStats: { total: number; byZone: { key: string; count: number }[] };
      partnershipTargets: Record<string, { actual: number; target: number }>;
    }>(
      `{
        agreementStats(filter: { status: [ACTIVE] }) { total byZone { key count } }
        partnershipTargets { agreements { actual target } strategic { actual target } complete { actual target } }
      }`,
      {},
      "ANALYST",
    );
    const active = await count("agreements", { status: "ACTIVE" });
    expect(answer.data?.agreementStats.total).toBe(active);
    expect(answer.data?.agreementStats.byZone.map((zone) => zone.key)).toEqual(
      expect.arrayContaining(["AFRICA", "SOUTH_AMERICA", "ASIA", "EUROPE", "MEDITERRANEAN"]),
    );
    expect(answer.data?.partnershipTargets).toEqual({
      agreements: { actual: active, target: 130 },
      strategic: { actual: strategicTarget, target: 30 },
      complete: { actual: await count("institutions", { "partnership.complete": true }), target: 40 },
    });
  });
});
