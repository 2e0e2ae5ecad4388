/**
 * The graph's cross-service shapes, in-process: the four subgraph SDLs (services/∗/src/schema.graphql)
 * composed like `npm run compose`, behind a real @apollo/gateway whose data sources are
 * `LocalGraphQLDataSource`s — no HTTP, no Kafka, no store. Each subgraph answers from a
 * few in-memory records (its resolvers here are fakes: what is under test is how the
 * gateway plans and joins, and which entity representations each subgraph receives),
 * so a broken @key, a type that stops being an entity, or a join that moves to
 * another service fails here, in the unit project.
 */
import { readFileSync } from "node:fs";
import { LocalGraphQLDataSource, ApolloGateway } from "@apollo/gateway";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { ApolloServer } from "@apollo/server";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph";
import { parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeSupergraph } from "../src/supergraph.ts";

const services = ["partnerships", "students", "research", "campaigns"] as const;
type ServiceName = (typeof services)[number] | "schacschool" | "erasmusschool";

const sdlOf = (name: string) =>
  readFileSync(new URL(`../../services/${name}/src/schema.graphql`, import.meta.url), "utf8");

/**
 * Another IMT school's subgraph, as `gateway/test/exampleSchool` publishes one: it knows
 * our institutions only by one of the codes every school shares, never by our ids.
 * (One that declared both keys would have to return both codes: the planner picks either.)
 */
const schoolSdl = (code: "schacCode" | "erasmusCode", field: string) => `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Query {
    ${field}: Institution
  }
  type Institution @key(fields: "${code}", resolvable: false) {
    ${code}: String
  }
`;

const page = <T>(nodes: T[]) => ({
  nodes,
  totalCount: nodes.length,
  pageInfo: { hasNextPage: false, endCursor: null },
});

// The records: one partner institution, a student going there, a collaboration with it, a campaign nominating from it.
const milan = {
  id: "inst-milan",
  schacCode: "polimi.it",
  erasmusCode: "I  MILANO02",
  name: "Politecnico di Milano",
  countryCode: "IT",
};
const mobility = {
  id: "mob-1",
  direction: "OUTGOING",
  academicYear: "2026-2027",
  student: { id: "stu-1", firstName: "Lucia" },
  institution: { id: milan.id },
};
const collaboration = { id: "col-1", title: "Additive manufacturing", institutions: [{ id: milan.id }] };
const application = { id: "app-1", status: "SUBMITTED", institution: { id: milan.id } };
const campaign = {
  id: "cam-1",
  name: "Italy 2026",
  targetInstitutions: [{ id: milan.id }],
  candidates: page([
    { id: "cam-1:app-1", application: { id: application.id }, institution: { id: milan.id } },
  ]),
};

const resolvers: Record<ServiceName, GraphQLResolverMap<unknown>> = {
  partnerships: {
    Query: { institution: (_: unknown, { id }: { id: string }) => (id === milan.id ? milan : null) },
    Institution: {
      __resolveReference: (reference: Partial<typeof milan>) =>
        [milan].find(
          (institution) =>
            ("id" in reference && reference.id === institution.id) ||
            ("schacCode" in reference && reference.schacCode === institution.schacCode) ||
            ("erasmusCode" in reference && reference.erasmusCode === institution.erasmusCode),
        ) ?? null,
    },
  },
  students: {
    Query: { mobility: (_: unknown, { id }: { id: string }) => (id === mobility.id ? mobility : null) },
    Institution: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      outgoingMobilities: ({ id }: { id: string }) => page(id === milan.id ? [mobility] : []),
    },
    Application: {
      __resolveReference: ({ id }: { id: string }) => (id === application.id ? application : null),
    },
  },
  research: {
    Query: {
      collaboration: (_: unknown, { id }: { id: string }) => (id === collaboration.id ? collaboration : null),
    },
    Institution: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      collaborations: ({ id }: { id: string }) => page(id === milan.id ? [collaboration] : []),
    },
  },
  campaigns: {
    Query: { campaign: (_: unknown, { id }: { id: string }) => (id === campaign.id ? campaign : null) },
    Institution: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      campaigns: ({ id }: { id: string }) => (id === milan.id ? [campaign] : []),
    },
    Application: {
      __resolveReference: ({ id }: { id: string }) => ({ id }),
      campaign: ({ id }: { id: string }) => (id === application.id ? campaign : null),
    },
  },
  schacschool: { Query: { exchangePartnerBySchac: () => ({ schacCode: milan.schacCode }) } },
  erasmusschool: { Query: { exchangePartnerByErasmus: () => ({ erasmusCode: milan.erasmusCode }) } },
};

/** What one subgraph was asked: the entity representations of each `_entities` fetch. */
interface Fetch {
  subgraph: ServiceName;
  representations: Record<string, unknown>[] | null;
}

class RecordingDataSource extends LocalGraphQLDataSource {
  constructor(
    private readonly name: ServiceName,
    sdl: string,
    private readonly fetches: Fetch[],
  ) {
    super(buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers[name] }]));
  }
  override process(options: GraphQLDataSourceProcessOptions) {
    const representations = options.request.variables?.["representations"];
    this.fetches.push({
      subgraph: this.name,
      representations: Array.isArray(representations) ? (representations as Record<string, unknown>[]) : null,
    });
    return super.process(options);
  }
}

/** The supergraph of the given SDLs behind a real gateway, with the fetches each query caused. */
async function startGraph(sdls: Record<ServiceName, string>) {
  const composition = composeSupergraph(
    Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://${name}.local/graphql`, sdl })),
  );
  if (!composition.ok) throw new Error(composition.errors.join("\n"));
  const fetches: Fetch[] = [];
  const gateway = new ApolloGateway({
    supergraphSdl: composition.supergraphSdl,
    buildService: ({ name }) =>
      new RecordingDataSource(name as ServiceName, sdls[name as ServiceName], fetches),
  });
  const server = new ApolloServer({ gateway });
  await server.start();
  return {
    supergraphSdl: composition.supergraphSdl,
    async query(query: string) {
      fetches.length = 0;
      const response = await server.executeOperation({ query });
      if (response.body.kind !== "single") throw new Error("expected a single result");
      const { data, errors } = response.body.singleResult;
      return { data, errors, fetches: [...fetches] };
    },
    stop: () => server.stop(),
  };
}

const realSdls = (): Record<ServiceName, string> => ({
  ...(Object.fromEntries(services.map((name) => [name, sdlOf(name)])) as Record<ServiceName, string>),
  schacschool: schoolSdl("schacCode", "exchangePartnerBySchac"),
  erasmusschool: schoolSdl("erasmusCode", "exchangePartnerByErasmus"),
});

describe("the four subgraphs behind one gateway, in-process", () => {
  let graph: Awaited<ReturnType<typeof startGraph>>;
  beforeAll(async () => {
    graph = await startGraph(realSdls());
  });
  afterAll(async () => {
    await graph.stop();
  });

  it("joins an institution across the four services by its id", async () => {
    const answer = await graph.query(`{
      institution(id: "inst-milan") {
        name schacCode erasmusCode
        outgoingMobilities { nodes { id student { id } } }
        collaborations { nodes { id title } }
        campaigns { id name }
      }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      institution: {
        name: "Politecnico di Milano",
        schacCode: "polimi.it",
        erasmusCode: "I  MILANO02",
        outgoingMobilities: { nodes: [{ id: "mob-1", student: { id: "stu-1" } }] },
        collaborations: { nodes: [{ id: "col-1", title: "Additive manufacturing" }] },
        campaigns: [{ id: "cam-1", name: "Italy 2026" }],
      },
    });
    const byId = [{ __typename: "Institution", id: "inst-milan" }];
    expect(answer.fetches).toEqual(
      expect.arrayContaining([
        { subgraph: "partnerships", representations: null },
        { subgraph: "students", representations: byId },
        { subgraph: "research", representations: byId },
        { subgraph: "campaigns", representations: byId },
      ]),
    );
    expect(answer.fetches).toHaveLength(4);
  });

  it("gives a student's mobility its partner institution from partnerships", async () => {
    const answer = await graph.query(`{ mobility(id: "mob-1") { id institution { id name countryCode } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      mobility: {
        id: "mob-1",
        institution: { id: "inst-milan", name: "Politecnico di Milano", countryCode: "IT" },
      },
    });
    expect(answer.fetches).toEqual([
      { subgraph: "students", representations: null },
      { subgraph: "partnerships", representations: [{ __typename: "Institution", id: "inst-milan" }] },
    ]);
  });

  it("follows a campaign's pipeline to the students' applications and the partners' institutions", async () => {
    const answer = await graph.query(`{
      campaign(id: "cam-1") {
        targetInstitutions { name }
        candidates { nodes { id application { id status campaign { id } } institution { name } } }
      }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      campaign: {
        targetInstitutions: [{ name: "Politecnico di Milano" }],
        candidates: {
          nodes: [
            {
              id: "cam-1:app-1",
              application: { id: "app-1", status: "SUBMITTED", campaign: { id: "cam-1" } },
              institution: { name: "Politecnico di Milano" },
            },
          ],
        },
      },
    });
    // Campaigns knows which campaign an application joined: only the application's own fields go to students.
    expect(answer.fetches).toEqual(
      expect.arrayContaining([
        { subgraph: "campaigns", representations: null },
        { subgraph: "students", representations: [{ __typename: "Application", id: "app-1" }] },
        { subgraph: "partnerships", representations: [{ __typename: "Institution", id: "inst-milan" }] },
      ]),
    );
    expect(answer.fetches.filter((fetch) => fetch.subgraph === "campaigns")).toHaveLength(1);
  });

  it("names a research collaboration's institutions from partnerships", async () => {
    const answer = await graph.query(`{ collaboration(id: "col-1") { title institutions { id name } } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      collaboration: {
        title: "Additive manufacturing",
        institutions: [{ id: "inst-milan", name: "Politecnico di Milano" }],
      },
    });
    expect(answer.fetches).toEqual([
      { subgraph: "research", representations: null },
      { subgraph: "partnerships", representations: [{ __typename: "Institution", id: "inst-milan" }] },
    ]);
  });

  it.each([
    [
      "schacCode",
      "schacschool",
      "exchangePartnerBySchac",
      { __typename: "Institution", schacCode: "polimi.it" },
    ],
    [
      "erasmusCode",
      "erasmusschool",
      "exchangePartnerByErasmus",
      { __typename: "Institution", erasmusCode: "I  MILANO02" },
    ],
  ] as const)(
    "lets a school that knows an institution by its %s reach what the other services know of it",
    async (_key, school, field, representation) => {
      const answer = await graph.query(
        `{ ${field} { name collaborations { totalCount } campaigns { id } } }`,
      );
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual({
        [field]: {
          name: "Politecnico di Milano",
          collaborations: { totalCount: 1 },
          campaigns: [{ id: "cam-1" }],
        },
      });
      // The code leads to partnerships, which gives the id the other services join on.
      expect(answer.fetches).toEqual(
        expect.arrayContaining([
          { subgraph: school, representations: null },
          { subgraph: "partnerships", representations: [representation] },
          { subgraph: "research", representations: [{ __typename: "Institution", id: "inst-milan" }] },
          { subgraph: "campaigns", representations: [{ __typename: "Institution", id: "inst-milan" }] },
        ]),
      );
    },
  );

  it("declares every entity by the keys the services join on", () => {
    // `@join__type(graph: X, key: "...")` of the composed supergraph: one line per subgraph and key.
    const keys: Record<string, string[]> = {};
    const typePattern = /^type (\w+)((?:\s+@join__type\([^)]*\))+)/gm;
    for (const [, typeName, joins] of graph.supergraphSdl.matchAll(typePattern)) {
      for (const [, subgraph, key, resolvable] of joins!.matchAll(
        /@join__type\(graph: (\w+), key: "([^"]+)"(, resolvable: false)?/g,
      )) {
        (keys[typeName!] ??= []).push(
          `${subgraph!.toLowerCase()}: ${key}${resolvable ? " (reference only)" : ""}`,
        );
      }
    }
    for (const list of Object.values(keys)) list.sort();
    expect(keys).toEqual({
      Agreement: ["partnerships: id", "students: id (reference only)"],
      Application: ["campaigns: id", "research: id (reference only)", "students: id"],
      Campaign: ["campaigns: id"],
      Collaboration: ["research: id"],
      Country: ["partnerships: code"],
      Faculty: ["campaigns: id (reference only)", "partnerships: id (reference only)", "research: id"],
      FacultyMobility: ["research: id"],
      Institution: [
        "campaigns: id",
        "erasmusschool: erasmusCode (reference only)",
        "partnerships: erasmusCode",
        "partnerships: id",
        "partnerships: schacCode",
        "research: id",
        "schacschool: schacCode (reference only)",
        "students: id",
      ],
      Interview: ["campaigns: id"],
      PersonalDataSubject: ["campaigns: id", "partnerships: id", "research: id", "students: id"],
      PhdPosition: ["research: id"],
      ResearchCentre: ["partnerships: id (reference only)", "research: id"],
      Student: ["research: id (reference only)", "students: id"],
    });
  });
});

describe("a broken shape fails here", () => {
  it("a subgraph that stops declaring the key the others use no longer composes", () => {
    const sdls = realSdls();
    sdls.students = sdls.students.replace('type Institution @key(fields: "id")', "type Institution");
    const composition = composeSupergraph(
      Object.entries(sdls).map(([name, sdl]) => ({ name, url: `http://${name}.local/graphql`, sdl })),
    );
    expect(composition.ok).toBe(false);
  });
});
