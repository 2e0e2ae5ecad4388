/**
 * Another IMT school joins the graph, as docs/federating-a-school.md tells it
 * to: its subgraph is checked, published in the register the running gateway
 * watches, queried with our four services in one request, then stopped; and
 * it never sees our users' tokens.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectEventually } from "@intl/testing";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { RegisterStatus } from "../../src/register/registerSupergraph.ts";
import { runSubgraphCommand } from "../../src/register/subgraphCommand.ts";
import { readRegister, writeRegister } from "../../src/register/subgraphRegister.ts";
import { readSubgraphSdls } from "../../src/subgraphCatalogue.ts";
import {
  exampleSchoolName,
  exampleSchoolSchemaPath,
  startExampleSchool,
} from "../exampleSchool/exampleSchool.ts";
import type { ExampleSchool } from "../exampleSchool/exampleSchool.ts";
import { startSystem, type System } from "./system.ts";

const schac = "uni-stuttgart.de";
const ours = readSubgraphSdls().found;
const registerPath = join(mkdtempSync(join(tmpdir(), "imt-register-")), "register.json");
writeFileSync(registerPath, JSON.stringify({ subgraphs: [] }));

let system: System;
let school: ExampleSchool;
let officeToken: string;
let institutionId: string;

const subgraphCommand = (command: "check" | "publish" | "remove", args: string[]) =>
  runSubgraphCommand(command, [...args, "--register", registerPath], { env: {}, ours });

async function schoolsOnReady(): Promise<RegisterStatus & { circuits: Record<string, string> }> {
  const response = await fetch(new URL("/ready", system.gatewayUrl));
  return ((await response.json()) as { schools: RegisterStatus & { circuits: Record<string, string> } })
    .schools;
}

/** Our data on one institution from each of our four services, and the school's, in one request. */
const oneRequest = `query Partner($schac: String!) {
  institutionByIdentifier(kind: SCHAC, value: $schac) {
    name
    schacCode
    agreements { status }
    nominations { totalCount }
    collaborations { totalCount }
    campaigns { id }
    imtExampleAgreements { id seatsPerYear since partner { name } }
  }
}`;

beforeAll(async () => {
  system = await startSystem({
    kafkaBrokers: inject("kafkaBrokers"),
    mongoUri: inject("mongoUri"),
    gateway: {
      schools: {
        register: { path: registerPath, ours },
        circuit: { failureThreshold: 2, cooldownMs: 60_000 },
      },
    },
  });
  officeToken = await system.token("INTERNATIONAL_OFFICE", { subject: "office-alice" });
  ({ institutionId } = await system.registerPartnerWithAgreement(officeToken, "Universität Stuttgart", "DE"));
  await system.data(
    officeToken,
    `mutation($id: ID!, $input: InstitutionInput!) { updateInstitution(id: $id, input: $input) { id } }`,
    {
      id: institutionId,
      input: {
        name: "Universität Stuttgart",
        countryCode: "DE",
        identifiers: { schac, erasmus: "D  STUTTGA01" },
      },
    },
  );
  school = await startExampleSchool({
    agreements: [{ id: "ex-1", partnerSchacCode: schac, seatsPerYear: 3, since: "2021-2022" }],
    gatewayJwksUrl: new URL("/.well-known/jwks.json", system.gatewayUrl).href,
  });
});
afterAll(async () => {
  await school?.stop();
  await system?.stop();
});

describe("an IMT school federating its subgraph", () => {
  it("checks the running subgraph read through _service { sdl }, in plain words", async () => {
    const result = await subgraphCommand("check", ["--name", exampleSchoolName, "--url", school.url]);
    expect(result.stdout).toContain("Rule violations: none");
    expect(result.stdout).toContain("Breaking changes for existing clients: none");
    expect(result.stdout).toContain("Result: accepted.");
    expect(result.exitCode).toBe(0);
  });

  it("is published, and the running gateway serves it without a restart", async () => {
    const result = await subgraphCommand("publish", [
      "--name",
      exampleSchoolName,
      "--url",
      school.url,
      "--schema",
      exampleSchoolSchemaPath,
      "--owner",
      "Example Integrator <integration@imt-example.test>",
    ]);
    expect(result.exitCode).toBe(0);
    await expectEventually(async () => expect((await schoolsOnReady()).served).toEqual([exampleSchoolName]));
  });

  it("answers our four services' data and the school's in one request", async () => {
    const data = await system.data<{ institutionByIdentifier: Record<string, unknown> }>(
      officeToken,
      oneRequest,
      {
        schac,
      },
    );
    expect(data.institutionByIdentifier).toEqual({
      name: "Universität Stuttgart",
      schacCode: schac,
      agreements: [{ status: "ACTIVE" }],
      nominations: { totalCount: 0 },
      collaborations: { totalCount: 0 },
      campaigns: [],
      imtExampleAgreements: [
        { id: "ex-1", seatsPerYear: 3, since: "2021-2022", partner: { name: "Universität Stuttgart" } },
      ],
    });
  });

  it("resolves the school's references to our institutions by their SCHAC code", async () => {
    const data = await system.data<{ imtExampleAgreements: unknown[] }>(
      officeToken,
      `{ imtExampleAgreements { id partner { id name agreements { status } } } }`,
    );
    expect(data.imtExampleAgreements).toEqual([
      {
        id: "ex-1",
        partner: { id: institutionId, name: "Universität Stuttgart", agreements: [{ status: "ACTIVE" }] },
      },
    ]);
  });

  it("finds our institutions by either key other schools know, SCHAC or Erasmus code (partnerships' reference resolver)", async () => {
    const response = await fetch(system.subgraphUrls["partnerships"]!, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${officeToken}` },
      body: JSON.stringify({
        query:
          "query($r: [_Any!]!) { _entities(representations: $r) { ... on Institution { id erasmusCode } } }",
        variables: {
          r: [
            { __typename: "Institution", schacCode: schac },
            { __typename: "Institution", erasmusCode: "D  STUTTGA01" },
            { __typename: "Institution", schacCode: "unknown.example.org" },
          ],
        },
      }),
    });
    const body = (await response.json()) as { data: { _entities: unknown[] } };
    expect(body.data._entities).toEqual([
      { id: institutionId, erasmusCode: "D  STUTTGA01" },
      { id: institutionId, erasmusCode: "D  STUTTGA01" },
      null,
    ]);
  });

  it("never sends the school a user's token: a token the gateway signed for that school, with the caller's role only", async () => {
    await system.data(officeToken, oneRequest, { schac });
    expect(school.requests.length).toBeGreaterThan(0);
    for (const headers of school.requests) expect(JSON.stringify(headers)).not.toContain(officeToken);
    // Each token it received verified against the gateway's JWKS; the one request without was the check's schema read.
    const withToken = school.requests.filter((headers) => headers.authorization !== undefined);
    expect(school.claims).toHaveLength(withToken.length);
    expect(school.requests.length - withToken.length).toBe(1);
    const callers = school.claims.filter((claims) => claims["role"] !== "ANONYMOUS");
    expect(callers.length).toBeGreaterThan(0);
    for (const claims of callers) {
      expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "role", "sub"]);
      expect(claims).toMatchObject({
        aud: exampleSchoolName,
        iss: "intl-graph-gateway",
        sub: "intl-graph-gateway",
        role: "INTERNATIONAL_OFFICE",
      });
      expect(Number(claims["exp"]) - Number(claims["iat"])).toBeLessThanOrEqual(60);
    }
  });

  it("keeps serving the last good supergraph when a newly published school does not answer its health check", async () => {
    const schema = join(registerPath, "..", "dead.graphql");
    writeFileSync(
      schema,
      `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
       type Query { imtDeadNews: [String!] }`,
    );
    const result = await subgraphCommand("publish", [
      ...["--name", "imt-dead", "--url", "http://127.0.0.1:9/graphql", "--schema", schema],
      ...["--owner", "Nobody <nobody@imt-dead.test>"],
    ]);
    expect(result.exitCode).toBe(0);
    const status = await expectEventually(async () => {
      const seen = await schoolsOnReady();
      expect(seen.lastReload?.outcome).toBe("kept");
      return seen;
    });
    expect(status.served).toEqual([exampleSchoolName]);
    expect(status.lastReload?.problems.join(" ")).toContain(
      "imt-dead (http://127.0.0.1:9/graphql) did not answer its health check",
    );
    const refused = await system.query(officeToken, "{ imtDeadNews }");
    expect(refused.errors?.[0]?.extensions?.["code"]).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(
      (await subgraphCommand("remove", ["--name", "imt-dead", "--accept-breaking-changes"])).exitCode,
    ).toBe(0);
  });

  it("keeps serving the last good supergraph when the register no longer composes", async () => {
    const before = (await schoolsOnReady()).lastReload?.at;
    const served = readRegister(registerPath);
    // Written by hand, past the check: a second subgraph defining the same root field.
    writeRegister(registerPath, [
      ...served,
      { ...served[0]!, name: "imt-clash", url: "http://127.0.0.1:9/graphql" },
    ]);
    const status = await expectEventually(async () => {
      const seen = await schoolsOnReady();
      expect(seen.lastReload?.at).not.toBe(before);
      return seen;
    });
    expect(status.lastReload?.outcome).toBe("kept");
    expect(status.lastReload?.problems.join(" ")).toContain("imtExampleAgreements");
    expect(status.served).toEqual([exampleSchoolName]);
    writeRegister(registerPath, served);
    await expectEventually(async () =>
      expect((await schoolsOnReady()).lastReload?.outcome).toBe("unchanged"),
    );
    expect(
      (await system.data<{ imtExampleAgreements: unknown[] }>(officeToken, "{ imtExampleAgreements { id } }"))
        .imtExampleAgreements,
    ).toHaveLength(1);
  });

  it("once the school is stopped, still answers our data, with a coded error on the school's fields only", async () => {
    await school.stop();
    for (let i = 0; i < 3; i++) {
      const result = await system.query<{ institutionByIdentifier: Record<string, unknown> }>(
        officeToken,
        oneRequest,
        {
          schac,
        },
      );
      expect(result.status).toBe(200);
      expect(result.data?.institutionByIdentifier).toMatchObject({
        name: "Universität Stuttgart",
        agreements: [{ status: "ACTIVE" }],
        nominations: { totalCount: 0 },
        collaborations: { totalCount: 0 },
        campaigns: [],
        imtExampleAgreements: null,
      });
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]).toMatchObject({
        extensions: { code: "SUBGRAPH_UNAVAILABLE", details: { subgraph: exampleSchoolName } },
      });
    }
    // Two failures in a row opened its circuit: the third request did not even try it.
    expect((await schoolsOnReady()).circuits).toEqual({ [exampleSchoolName]: "open" });
  });

  it("leaves: removing it is refused for the breaking change until accepted, then the gateway serves without it", async () => {
    const refused = await subgraphCommand("remove", ["--name", exampleSchoolName]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toContain("Query.imtExampleAgreements was removed.");
    expect(refused.stdout).toContain("--accept-breaking-changes");

    const removed = await subgraphCommand("remove", [
      "--name",
      exampleSchoolName,
      "--accept-breaking-changes",
    ]);
    expect(removed.exitCode).toBe(0);
    await expectEventually(async () => expect((await schoolsOnReady()).served).toEqual([]));
    const data = await system.data<{ institutionByIdentifier: { name: string } }>(
      officeToken,
      `query($schac: String!) { institutionByIdentifier(kind: SCHAC, value: $schac) { name } }`,
      { schac },
    );
    expect(data.institutionByIdentifier.name).toBe("Universität Stuttgart");
  });
});

describe("an IMT school's systems as clients of the graph (role IMT_SCHOOL)", () => {
  it("read reference data and open aggregates, never personal data, KPIs or campaigns", async () => {
    const admin = await system.token("ADMIN");
    const { createResearchCentre } = await system.data<{ createResearchCentre: { id: string } }>(
      admin,
      `mutation { createResearchCentre(input: { code: "IMTSEE", name: "Seen by schools (e2e)", domains: [COMPUTER_SCIENCE] }) { id } }`,
    );
    await system.data(
      admin,
      `mutation($centre: ID!) { registerFaculty(input: { firstName: "Marie", lastName: "Durand", email: "marie.durand@example.org",
         centreId: $centre, domains: [COMPUTER_SCIENCE], languages: ["fr"], hdr: false }) { id } }`,
      { centre: createResearchCentre.id },
    );
    const client = await system.token("IMT_SCHOOL", {
      subject: "imt-example-sync",
      school: exampleSchoolName,
    });

    const open = await system.data<{ institutions: { totalCount: number }; agreementStats: unknown }>(
      client,
      "{ institutions { totalCount } agreementStats { total } }",
    );
    expect(open.institutions.totalCount).toBeGreaterThan(0);

    const personal = await system.query<{ faculties: { nodes: { id: string; email: string | null }[] } }>(
      client,
      "{ faculties { nodes { id email } } }",
    );
    expect(personal.data?.faculties.nodes[0]).toMatchObject({ email: null });
    expect(personal.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "PERSONAL_DATA_RESTRICTED",
    });

    for (const reserved of ["{ internationalShare { share } }", "{ campaigns { totalCount } }"]) {
      const refused = await system.query(client, reserved);
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: "FORBIDDEN",
        reason: "ROLE_NOT_ALLOWED",
      });
    }
  });
});
