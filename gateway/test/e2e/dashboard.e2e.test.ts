/**
 * The strategy dashboard in a real headless Chromium, on the whole system with a little
 * data: what the page shows must be what the graph answers for the same viewer.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { expectEventually } from "@intl/testing";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium, sameOriginContext } from "./headlessChromium.ts";
import { registerStudent } from "./scenes.ts";
import { startSystem, type System } from "./system.ts";

/** Screenshots land here (git-ignored), for a human to look at. */
const testOutput = join(import.meta.dirname, "../../../test-output");

let system: System;
let browser: Browser;
let origin: string;
let analyst: string;

// The page computes the academic year from the browser's clock; so does the test.
const today = new Date();
const start = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
const academicYear = `${start}-${start + 1}`;
const graduatingCohort = start + 1;

const percent = (share: number | null) => (share === null ? "—" : `${(share * 100).toFixed(1)} %`);

async function seedSomeOfEverything(office: string): Promise<void> {
  const partners: Record<string, string> = {};
  for (const [name, country] of [
    ["Tsinghua University (e2e)", "CN"],
    ["Universidade de São Paulo (e2e)", "BR"],
    ["Université Mohammed V (e2e)", "MA"],
    ["Technische Universität München (e2e)", "DE"],
  ] as const) {
    partners[country] = (await system.registerPartnerWithAgreement(office, name, country)).institutionId;
  }

  const register = (
    lastName: string,
    nationality: string,
    programmeCode: string,
    cohort: number,
    home?: string,
  ) => registerStudent(system, office, lastName, nationality, programmeCode, cohort, home);
  const french = [];
  for (const name of ["Martin", "Bernard", "Dubois", "Moreau", "Laurent"]) {
    french.push(await register(name, "FR", "ICM", graduatingCohort));
  }
  french.push(await register("Girard", "FR", "ISMIN", graduatingCohort + 1));
  const chinese = await register("Wang", "CN", "MSC-DATA-SCIENCE", graduatingCohort + 1, partners.CN);
  await register("Souza", "BR", "MSC-DATA-SCIENCE", graduatingCohort + 1, partners.BR);
  await register("Alaoui", "MA", "ICM", graduatingCohort, partners.MA);

  // Mobilities need the agreements in the students service, which learns them through Kafka.
  const plan = async (studentId: string, direction: string, institutionId: string) => {
    let id = "";
    await expectEventually(async () => {
      const { planMobility } = await system.data<{ planMobility: { id: string } }>(
        office,
        `mutation($input: PlanMobilityInput!) { planMobility(input: $input) { id } }`,
        {
          input: {
            studentId,
            direction,
            type: "STUDY",
            institutionId,
            academicYear,
            startDate: `${start}-09-01`,
            endDate: `${start + 1}-01-31`,
          },
        },
      );
      id = planMobility.id;
    });
    return id;
  };
  const done = await plan(french[0]!, "OUTGOING", partners.CN!);
  await system.data(office, `mutation($id: ID!) { completeMobility(id: $id) { status } }`, { id: done });
  await plan(french[1]!, "OUTGOING", partners.DE!);
  await plan(french[2]!, "OUTGOING", partners.CN!);
  await plan(chinese, "INCOMING", partners.CN!);

  // A recruitment campaign in China with one nominee in its pipeline.
  const { createCampaign } = await system.data<{ createCampaign: { id: string } }>(
    office,
    `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { id } }`,
    {
      input: {
        name: "China mission (e2e)",
        countryCode: "CN",
        cities: ["Beijing"],
        academicYear,
        startDate: `${start}-10-05`,
        endDate: `${start}-10-16`,
        mode: "JOINT_WITH_IMT",
        targetInstitutionIds: [],
        programmeCodes: ["MSC-DATA-SCIENCE"],
      },
    },
  );
  await system.data(office, `mutation($id: ID!) { openCampaign(id: $id) { status } }`, {
    id: createCampaign.id,
  });
  const partner = await system.token("PARTNER", { institutionId: partners.CN! });
  await expectEventually(async () => {
    await system.data(
      partner,
      `mutation($input: SubmitNominationInput!) { submitNomination(input: $input) { id } }`,
      {
        input: {
          programmeCode: "MSC-DATA-SCIENCE",
          academicYear,
          candidate: {
            firstName: "Li",
            lastName: "Chen",
            email: "li.chen@example.cn",
            birthDate: "2001-04-12",
            nationality: "CN",
          },
          dossier: {
            documents: ["PASSPORT", "TRANSCRIPT", "CV", "MOTIVATION_LETTER", "LANGUAGE_CERTIFICATE"].map(
              (kind) => ({
                kind,
                name: `${kind.toLowerCase()}.pdf`,
                uri: `https://files.example.org/${kind.toLowerCase()}.pdf`,
              }),
            ),
            grades: [{ subject: "Mathematics", grade: 16.5, scale: 20 }],
            languageCertificate: { language: "en", cefrLevel: "C1", testName: "IELTS" },
          },
        },
      },
    );
  });
  await expectEventually(async () => {
    const { campaignComparison } = await system.data<{
      campaignComparison: { outcomes: { candidatesSeen: number } }[];
    }>(office, `{ campaignComparison(countryCodes: ["CN"]) { outcomes { candidatesSeen } } }`);
    expect(campaignComparison[0]?.outcomes.candidatesSeen).toBe(1);
  });
}

/** Opens the dashboard, signs in with `token` through its form, and waits for every panel. */
async function openDashboard(page: Page, token: string): Promise<void> {
  await page.goto(`${origin}/dashboard`);
  await page.fill("#token", token);
  await page.click("#token-form button[type=submit]");
  await page.waitForSelector("body[data-loaded=true]");
}

const textOf = (page: Page, selector: string) => page.locator(selector).first().textContent();
const stateOf = (page: Page, panel: string) => page.getAttribute(`[data-panel="${panel}"]`, "data-state");

beforeAll(async () => {
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
  origin = new URL(system.gatewayUrl).origin;
  const office = await system.token("INTERNATIONAL_OFFICE");
  analyst = await system.token("ANALYST");
  await seedSomeOfEverything(office);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});

describe("the strategy dashboard, as an ANALYST", () => {
  let page: Page;
  let refused: string[];
  let errors: string[];

  beforeAll(async () => {
    const opened = await sameOriginContext(browser, origin);
    ({ refused, errors } = opened);
    page = await opened.context.newPage();
    await openDashboard(page, analyst);
    mkdirSync(testOutput, { recursive: true });
    await page.screenshot({ path: join(testOutput, "dashboard.png"), fullPage: true });
  });

  it("shows every target against the graph's answer for the same viewer", async () => {
    const graph = await system.data<{
      partnershipTargets: Record<"agreements" | "strategic" | "complete", { actual: number; target: number }>;
      internationalShare: { share: number; target: number };
      programmes: { language: string }[];
      mobilityCompliance: { share: number | null };
      originDiversity: { effectiveCountries: number; herfindahl: number };
    }>(
      analyst,
      `query($cohort: Int!) {
        partnershipTargets { agreements { actual target } strategic { actual target } complete { actual target } }
        internationalShare { share target }
        programmes(kind: MSC) { language }
        mobilityCompliance(cohort: $cohort) { share }
        originDiversity { effectiveCountries herfindahl }
      }`,
      { cohort: graduatingCohort },
    );

    const targets = graph.partnershipTargets;
    expect(await textOf(page, "[data-kpi=agreements]")).toBe(String(targets.agreements.actual));
    expect(await textOf(page, "[data-kpi=agreements-target]")).toBe(String(targets.agreements.target));
    expect(await textOf(page, "[data-kpi=strategic]")).toBe(String(targets.strategic.actual));
    expect(await textOf(page, "[data-kpi=strategic-target]")).toBe(String(targets.strategic.target));
    expect(await textOf(page, "[data-kpi=complete]")).toBe(String(targets.complete.actual));
    expect(await textOf(page, "[data-kpi=complete-target]")).toBe(String(targets.complete.target));
    expect(targets.agreements.actual).toBe(4);

    expect(await textOf(page, "[data-kpi=international-share]")).toBe(
      percent(graph.internationalShare.share),
    );
    expect(await textOf(page, "[data-kpi=international-share-target]")).toBe("30.0 %");
    const english = graph.programmes.filter((programme) => programme.language === "en").length;
    expect(await textOf(page, "[data-kpi=english-msc]")).toBe(String(english));
    expect(await textOf(page, "[data-kpi=graduating-cohort-share]")).toBe(
      percent(graph.mobilityCompliance.share),
    );
    expect(await textOf(page, "[data-kpi=effective-countries]")).toBe(
      graph.originDiversity.effectiveCountries.toFixed(1),
    );
    expect(await textOf(page, "[data-kpi=herfindahl]")).toBe(graph.originDiversity.herfindahl.toFixed(3));
  });

  it("shows each cohort's mobility against the 100 % rule as the graph counts it", async () => {
    for (const cohort of [start - 1, start, start + 1, start + 2, start + 3]) {
      const { mobilityCompliance: answer } = await system.data<{
        mobilityCompliance: {
          total: number;
          done: number;
          planned: number;
          share: number | null;
          atRisk: { totalCount: number };
        };
      }>(
        analyst,
        `query($c: Int!) { mobilityCompliance(cohort: $c) { total done planned share atRisk { totalCount } } }`,
        {
          c: cohort,
        },
      );
      const row = `[data-cohort="${cohort}"]`;
      expect(await textOf(page, `${row} [data-kpi=total]`)).toBe(String(answer.total));
      expect(await textOf(page, `${row} [data-kpi=done]`)).toBe(String(answer.done));
      expect(await textOf(page, `${row} [data-kpi=planned]`)).toBe(String(answer.planned));
      expect(await textOf(page, `${row} [data-kpi=share]`)).toBe(percent(answer.share));
      expect(await textOf(page, `${row} [data-kpi=at-risk]`)).toBe(String(answer.atRisk.totalCount));
    }
    expect(await textOf(page, `[data-cohort="${graduatingCohort}"] [data-kpi=done]`)).toBe("1");
  });

  it("charts partners by zone, flows per partner and the campaign funnel from the graph", async () => {
    const graph = await system.data<{
      agreementStats: { byZone: { key: string; count: number }[] };
      flowsByPartner: { institution: { id: string }; incomingShown: string; outgoingShown: string }[];
      campaignComparison: { countryCode: string; academicYear: string; outcomes: Record<string, string> }[];
    }>(
      analyst,
      `query($year: String!) {
        agreementStats(filter: { status: [ACTIVE] }) { byZone { key count } }
        flowsByPartner(academicYear: $year) { institution { id } incomingShown outgoingShown }
        campaignComparison { countryCode academicYear outcomes { candidatesSeenShown interviewedShown admittedShown enrolledShown } }
      }`,
      { year: academicYear },
    );

    for (const { key, count } of graph.agreementStats.byZone) {
      expect(await textOf(page, `[data-panel=zones] [data-key="${key}"]`), key).toBe(String(count));
    }
    // Partners with an agreement but no flow that year are listed by the graph, counted on the page.
    const moving = graph.flowsByPartner.filter(
      (flow) => flow.incomingShown !== "0" || flow.outgoingShown !== "0",
    );
    expect(moving.length).toBe(2);
    expect(await textOf(page, "[data-panel=flows] [data-kpi=flow-none]")).toBe(
      String(graph.flowsByPartner.length - moving.length),
    );
    for (const flow of moving) {
      const key = flow.institution.id;
      // What the analyst's page shows is what the graph shows them: "<5" for a partner's 1 to 4.
      expect(await textOf(page, `[data-panel=flows] [data-key="${key}:incoming"]`)).toBe(flow.incomingShown);
      expect(await textOf(page, `[data-panel=flows] [data-key="${key}:outgoing"]`)).toBe(flow.outgoingShown);
    }
    expect(graph.campaignComparison.length).toBe(1);
    for (const row of graph.campaignComparison) {
      const card = `[data-panel=funnel] [data-row="${row.countryCode} ${row.academicYear}"]`;
      expect(await textOf(page, `${card} [data-key=seen]`)).toBe(row.outcomes.candidatesSeenShown);
      expect(await textOf(page, `${card} [data-key=interviewed]`)).toBe(row.outcomes.interviewedShown);
      expect(await textOf(page, `${card} [data-key=admitted]`)).toBe(row.outcomes.admittedShown);
      expect(await textOf(page, `${card} [data-key=enrolled]`)).toBe(row.outcomes.enrolledShown);
    }
  });

  it("hides the students at risk, personal data an analyst may not read, and says so", async () => {
    expect(await stateOf(page, "students-at-risk")).toBe("forbidden");
    expect(await textOf(page, "[data-panel=students-at-risk]")).toContain("Not visible to your role");
    expect(await page.locator("[data-panel=students-at-risk] [data-student]").count()).toBe(0);
  });

  it("loads every other panel, from this origin only, without a script or policy error", async () => {
    const states = await page.$$eval("[data-panel]", (panels) =>
      panels.map((panel) => [panel.getAttribute("data-panel"), panel.getAttribute("data-state")]),
    );

    expect(states.filter(([name]) => name !== "students-at-risk")).toEqual(
      states.filter(([name]) => name !== "students-at-risk").map(([name]) => [name, "ready"]),
    );
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("redraws the flows for the academic year chosen", async () => {
    const previous = `${start - 1}-${start}`;
    await page.selectOption("#flows-year", previous);
    await page.waitForSelector("[data-panel=flows][data-state=ready]");
    const { flowsByPartner } = await system.data<{
      flowsByPartner: { incoming: number; outgoing: number }[];
    }>(analyst, `query($year: String!) { flowsByPartner(academicYear: $year) { incoming outgoing } }`, {
      year: previous,
    });

    // Partners with an agreement that year, none with a flow.
    expect(flowsByPartner.every((flow) => flow.incoming === 0 && flow.outgoing === 0)).toBe(true);
    expect(await textOf(page, "[data-panel=flows] .panel-body")).toBe(
      `No mobility with a partner in ${previous}.`,
    );
  });
});

describe("GraphiQL, in the same browser", () => {
  it("opens with the example operations in tabs, and the header to fill in with a token", async () => {
    const { context, refused, errors } = await sameOriginContext(browser, origin);
    const page = await context.newPage();
    await page.goto(`${origin}/graphiql`);
    await page.waitForSelector(".graphiql-tab");

    // Each tab holds its title button, then its close button.
    const tabs = await page.$$eval(".graphiql-tab", (elements) =>
      elements.map((tab) => tab.querySelector("button")?.textContent?.trim()),
    );
    expect(tabs).toEqual([
      "StrategyDashboard",
      "PartnerNominees",
      "AnalystAggregates",
      "InstitutionAcrossServices",
    ]);
    expect(await page.locator(".graphiql-query-editor").textContent()).toContain(
      "npm run token -- --role ANALYST",
    );
    mkdirSync(testOutput, { recursive: true });
    await page.screenshot({ path: join(testOutput, "graphiql.png") });
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the strategy dashboard for other roles", () => {
  it("shows the international office the names of the students at risk, as the graph lists them", async () => {
    const office = await system.token("INTERNATIONAL_OFFICE");
    const { context, errors } = await sameOriginContext(browser, origin);
    const page = await context.newPage();
    await openDashboard(page, office);
    const { mobilityCompliance } = await system.data<{
      mobilityCompliance: { atRisk: { nodes: { id: string }[] } };
    }>(office, `query($c: Int!) { mobilityCompliance(cohort: $c) { atRisk(first: 10) { nodes { id } } } }`, {
      c: graduatingCohort,
    });

    expect(await stateOf(page, "students-at-risk")).toBe("ready");
    const shown = await page.$$eval("[data-panel=students-at-risk] [data-student]", (items) =>
      items.map((item) => item.getAttribute("data-student")),
    );
    expect(shown).toEqual(mobilityCompliance.atRisk.nodes.map((node) => node.id));
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps the page standing for a role that may see only the partnership targets", async () => {
    const faculty = await system.token("FACULTY");
    const { context, errors } = await sameOriginContext(browser, origin);
    const page = await context.newPage();
    await openDashboard(page, faculty);

    for (const panel of ["partnership-targets", "english-msc", "zones"]) {
      expect(await stateOf(page, panel), panel).toBe("ready");
    }
    for (const panel of ["international-share", "cohorts", "flows", "funnel", "students-at-risk"]) {
      expect(await stateOf(page, panel), panel).toBe("forbidden");
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("asks for a token before showing anything", async () => {
    const { context } = await sameOriginContext(browser, origin);
    const page = await context.newPage();
    await page.goto(`${origin}/dashboard`);
    await page.waitForSelector("body[data-loaded=true]");

    expect(await stateOf(page, "partnership-targets")).toBe("unauthenticated");
    expect(await textOf(page, "#viewer")).toContain("Not signed in");
    expect(await textOf(page, "header")).toContain("npm run token -- --role ANALYST");
    await context.close();
  });
});
