/**
 * Fuzzed operations against the real gateway over HTTP (docs/reliability.md, "Fuzzed
 * operations"): FUZZ_OPERATIONS requests drawn from FUZZ_SEED — operations generated from the
 * schema with plausible and hostile values, deep and wide documents, broken documents, malformed
 * bodies, wrong content types, GET, batches, other methods — as every role, without a token and
 * with bad ones. Every answer must be free of 5xx and of internal texts, every error coded; at
 * the end the gateway and each service still answer /ready and a simple query.
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mintDevelopmentToken } from "@intl/auth";
import { expectEventually } from "@intl/testing";
import { startSystem, type System } from "../e2e/system.ts";
import { printFigures } from "../faults/cluster.ts";
import { apiSchemaOf } from "../../src/register/subgraphCheck.ts";
import { supergraphPath } from "../../src/subgraphCatalogue.ts";
import { runFuzz, type FuzzFigures } from "./run.ts";

const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const OPERATIONS = Number(process.env.FUZZ_OPERATIONS ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);

let system: System;

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} FUZZ_OPERATIONS=${OPERATIONS})`);
  system = await startSystem({ kafkaBrokers: inject("kafkaBrokers"), mongoUri: inject("mongoUri") });
});
afterAll(async () => system?.stop());

/**
 * Every role with a valid token (weight 3 each), no token (2), and tokens the gateway must refuse
 * (1 each): about three requests in four reach the services.
 */
async function authorizations(
  partnerInstitutionId: string,
): Promise<Record<string, { header: string | null; weight: number }>> {
  const valid = async (token: Promise<string>) => ({ header: `Bearer ${await token}`, weight: 3 });
  const refused = (header: string) => ({ header, weight: 1 });
  const forged = await mintDevelopmentToken({
    secret: "another-secret-that-is-long-enough-000",
    issuer: "intl-graph",
    audience: "intl-graph",
    role: "ADMIN",
  });
  const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${Buffer.from(
    '{"role":"ADMIN","sub":"x"}',
  ).toString("base64url")}.`;
  return {
    ADMIN: await valid(system.token("ADMIN")),
    INTERNATIONAL_OFFICE: await valid(system.token("INTERNATIONAL_OFFICE")),
    FACULTY: await valid(system.token("FACULTY", { hdr: true, facultyId: "000000000000000000000001" })),
    PARTNER: await valid(system.token("PARTNER", { institutionId: partnerInstitutionId })),
    ANALYST: await valid(system.token("ANALYST")),
    IMT_SCHOOL: await valid(system.token("IMT_SCHOOL", { school: "imt-atlantique" })),
    "no token": { header: null, weight: 2 },
    expired: refused(`Bearer ${await system.token("ADMIN", { expiresIn: "-1h" })}`),
    forged: refused(`Bearer ${forged}`),
    unsigned: refused(`Bearer ${unsigned}`),
    "not a JWT": refused("Bearer not.a.jwt"),
    "empty bearer": refused("Bearer "),
    "other scheme": refused("Basic dXNlcjpwYXNzd29yZA=="),
    "8 KB token": refused(`Bearer ${"a".repeat(8192)}`),
  };
}

const tally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort(([, a], [, b]) => b - a)
    .map(([key, value]) => `${key} ${value}`)
    .join(", ") || "none";

function print(figures: FuzzFigures): void {
  printFigures("fuzzed operations", {
    seed: SEED,
    "requests sent": figures.sent,
    "requests by kind": tally(figures.byKind),
    "answers by HTTP status": tally(figures.byStatus),
    "errors by code": tally(figures.byCode),
    "HTTP 5xx": Object.entries(figures.byStatus)
      .filter(([status]) => status.startsWith("5"))
      .reduce((sum, [, value]) => sum + value, 0),
    "masked internal errors": figures.byCode["INTERNAL_SERVER_ERROR"] ?? 0,
    "answers with a problem": figures.findings.length === 50 ? "50 or more" : figures.findings.length,
    problems: tally(figures.problems),
    duration: `${(figures.durationMs / 1000).toFixed(1)} s (${((figures.sent * 1000) / figures.durationMs).toFixed(0)} requests/s)`,
  });
  for (const finding of figures.findings.slice(0, 20)) console.log(JSON.stringify(finding, null, 1));
  for (const finding of figures.masked.slice(0, 20)) console.log("masked:", JSON.stringify(finding, null, 1));
}

/** Status and body of a GET on `path` of the server at `url`. */
async function probe(url: string, path: string): Promise<string> {
  const response = await fetch(new URL(path, url));
  const body = (await response.json()) as { status?: string; checks?: unknown };
  const why = response.ok ? "" : ` ${JSON.stringify(body.checks ?? body)}`;
  return `${response.status} ${body.status ?? ""}${why}`;
}

describe("fuzzed operations against the gateway", () => {
  it(`answers ${OPERATIONS} fuzzed requests without a 5xx, an internal text or a crash, every error coded`, async () => {
    // Something to aim at: a partner with an active agreement (the PARTNER token is its own).
    const office = await system.token("INTERNATIONAL_OFFICE");
    const partner = await system.registerPartnerWithAgreement(office, "Fuzz Partner Universität", "DE");
    const figures = await runFuzz(
      {
        url: system.gatewayUrl,
        schema: apiSchemaOf(readFileSync(supergraphPath, "utf8")),
        authorizations: await authorizations(partner.institutionId),
        ids: [partner.institutionId, partner.agreementId],
      },
      { seed: SEED, operations: OPERATIONS, concurrency: CONCURRENCY, answerTimeoutMs: 60_000 },
    );
    print(figures);

    // Still standing: every process answers /ready and a simple query goes through all of it. A
    // readiness probe may time out on a loaded machine: waited for, where a crashed process never answers.
    const processes = { gateway: system.gatewayUrl, ...system.subgraphUrls } as Record<string, string>;
    const after = await expectEventually(
      async () => {
        const states = Object.fromEntries(
          await Promise.all(
            Object.entries(processes).map(async ([name, url]) => [name, await probe(url, "/ready")]),
          ),
        ) as Record<string, string>;
        expect(states).toEqual(Object.fromEntries(Object.keys(processes).map((name) => [name, "200 ready"])));
        return states;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const simple = await system.query(office, "query($id: ID!) { institution(id: $id) { name } }", {
      id: partner.institutionId,
    });
    printFigures("after the run", { ...after, "simple query": JSON.stringify(simple.data) });

    expect(figures.sent).toBe(OPERATIONS);
    expect(figures.problems).toEqual({});
    // Masked, nothing leaks; but each is something that threw where a rule should have refused.
    expect(figures.byCode["INTERNAL_SERVER_ERROR"] ?? 0).toBe(0);
    expect(simple).toMatchObject({
      status: 200,
      data: { institution: { name: "Fuzz Partner Universität" } },
    });
  });
});
