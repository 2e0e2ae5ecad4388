import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { Role, createPseudonymiser } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { buildSchema, getNamedType, isInputObjectType, isObjectType, isScalarType } from "graphql";
import type { GraphQLInputType, GraphQLNamedType, GraphQLSchema } from "graphql";
import { testViewer } from "@intl/testing";
import { describe, expect, it } from "vitest";
import { personIdFields, personIdInputs, pseudonymPlugin } from "./pseudonyms.ts";
import { supergraphPath } from "./subgraphCatalogue.ts";

const key = "gateway-pseudonym-test-key-0123456789abcdef";
const { pseudonymFor } = createPseudonymiser(key);

const as = (role: Role): Viewer => testViewer({ role, subject: `someone-${role}` });

const typeDefs = `#graphql
  type Query {
    students(filter: MobilityFilter): [Student!]!
    student(id: ID!): Student
  }
  # A filter named as in the supergraph, where its studentId is a listed person id input.
  input MobilityFilter { cohort: Int, studentId: ID }
  type Student { id: ID!, cohort: Int!, mentor: Faculty, reviews: [Review!]! }
  type Faculty { id: ID!, centre: String! }
  type Review { reviewer: String!, mean: Float! }
`;

const students = [
  {
    id: "stu-1",
    cohort: 2027,
    mentor: { id: "fac-9", centre: "CMP" },
    reviews: [{ reviewer: "office-ann", mean: 14 }],
  },
  { id: "stu-2", cohort: 2028, mentor: null, reviews: [] },
];

const server = new ApolloServer<{ viewer: Viewer }>({
  typeDefs,
  resolvers: {
    Query: {
      students: () => students,
      student: (_: unknown, { id }: { id: string }) => students.find((student) => student.id === id) ?? null,
    },
  },
  plugins: [pseudonymPlugin(key)],
});

async function run(viewer: Viewer, query: string, variables: Record<string, unknown> = {}) {
  const response = await server.executeOperation({ query, variables }, { contextValue: { viewer } });
  if (response.body.kind !== "single") throw new Error("expected a single result");
  return { status: response.http.status, ...response.body.singleResult };
}

describe("what an ANALYST reads: pseudonyms instead of person ids (GDPR art. 25)", () => {
  // `id` is selected three times (a rewrite applied twice would hash the hash); reviewers only in a fragment.
  const query = `query {
    students { id cohort again: id ... on Student { id } mentor { id centre } ...Reviews }
  }
  fragment Reviews on Student { reviews { reviewer mean } }`;

  it("answers every person id selected, through aliases, fragments and nested lists, once each", async () => {
    const analyst = as(Role.ANALYST);
    const { data, errors } = await run(analyst, query);
    expect(errors).toBeUndefined();
    const first = pseudonymFor(analyst, "STUDENT", "stu-1");
    expect(data?.["students"]).toEqual([
      {
        id: first,
        again: first,
        cohort: 2027,
        mentor: { id: pseudonymFor(analyst, "FACULTY", "fac-9"), centre: "CMP" },
        reviews: [{ reviewer: pseudonymFor(analyst, "STAFF", "office-ann"), mean: 14 }],
      },
      {
        id: pseudonymFor(analyst, "STUDENT", "stu-2"),
        again: pseudonymFor(analyst, "STUDENT", "stu-2"),
        cohort: 2028,
        mentor: null,
        reviews: [],
      },
    ]);
    expect(first).not.toBe("stu-1");
  });

  it("answers the same pseudonyms at every request", async () => {
    const analyst = as(Role.ANALYST);
    expect((await run(analyst, query)).data).toEqual((await run(analyst, query)).data);
  });

  it("leaves every other role's ids as they are", async () => {
    for (const role of [Role.ADMIN, Role.INTERNATIONAL_OFFICE, Role.FACULTY, Role.PARTNER]) {
      const { data } = await run(as(role), `{ students { id mentor { id } reviews { reviewer } } }`);
      expect(data?.["students"]).toEqual([
        { id: "stu-1", mentor: { id: "fac-9" }, reviews: [{ reviewer: "office-ann" }] },
        { id: "stu-2", mentor: null, reviews: [] },
      ]);
    }
  });

  it("refuses an analyst a lookup by person id, as an argument, an input field or a variable", async () => {
    const analyst = as(Role.ANALYST);
    const refusals = [
      await run(analyst, `{ student(id: "stu-1") { cohort } }`),
      await run(analyst, `{ students(filter: { studentId: "stu-1" }) { cohort } }`),
      await run(analyst, `query ($f: MobilityFilter) { students(filter: $f) { cohort } }`, {
        f: { studentId: "stu-1" },
      }),
    ];
    for (const refusal of refusals) {
      expect(refusal.data).toBeUndefined();
      expect(refusal.status).toBe(403);
      expect(refusal.errors?.[0]?.extensions).toMatchObject({
        code: "FORBIDDEN",
        reason: "PERSON_LOOKUP_NOT_ALLOWED",
      });
    }
    expect((await run(analyst, `{ students(filter: { cohort: 2027 }) { cohort } }`)).errors).toBeUndefined();
    expect((await run(as(Role.ADMIN), `{ student(id: "stu-1") { id } }`)).data).toEqual({
      student: { id: "stu-1" },
    });
  });
});

describe("the person id fields and inputs of the supergraph", () => {
  const supergraph: GraphQLSchema = buildSchema(readFileSync(supergraphPath, "utf8"), {
    assumeValidSDL: true,
  });
  const personTypes = new Set(
    Object.keys(personIdFields)
      .filter((coordinate) => coordinate.endsWith(".id"))
      .map((coordinate) => coordinate.split(".")[0]),
  );
  /** Named like a person's id: a person type's `id`, or `…studentId`, `…facultyId`, `supervisorId`… */
  const looksLikePersonId = (type: string, field: string) =>
    (personTypes.has(type) && field === "id") ||
    /(student|faculty|supervisor|candidate|panelMember|person)Ids?$/i.test(field) ||
    ["reviewer", "decidedBy"].includes(field);
  /** Shown to no ANALYST: ADMIN-only erasure requests (their person id is any kind's). */
  const notShownToAnalysts = new Set(["ErasureRequest.personId"]);

  it("lists only fields and inputs that exist", () => {
    for (const coordinate of Object.keys(personIdFields)) {
      const [type, field] = coordinate.split(".") as [string, string];
      const found = supergraph.getType(type);
      expect(isObjectType(found) && found.getFields()[field], coordinate).toBeTruthy();
    }
    for (const coordinate of personIdInputs) {
      const argument = /^(\w+)\.(\w+)\((\w+):\)$/.exec(coordinate);
      if (argument) {
        const found = supergraph.getType(argument[1]!);
        const field = isObjectType(found) ? found.getFields()[argument[2]!] : undefined;
        expect(
          field?.args.some((arg) => arg.name === argument[3]),
          coordinate,
        ).toBe(true);
      } else {
        const [type, field] = coordinate.split(".") as [string, string];
        const found = supergraph.getType(type);
        expect(isInputObjectType(found) && found.getFields()[field], coordinate).toBeTruthy();
      }
    }
  });

  it("covers every field that answers a person's id", () => {
    const unlisted: string[] = [];
    for (const type of Object.values(supergraph.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith("__") || type.name.startsWith("join__")) continue;
      for (const field of Object.values(type.getFields())) {
        const coordinate = `${type.name}.${field.name}`;
        if (!isScalarType(getNamedType(field.type)) || !looksLikePersonId(type.name, field.name)) continue;
        if (personIdFields[coordinate] === undefined && !notShownToAnalysts.has(coordinate))
          unlisted.push(coordinate);
      }
    }
    expect(unlisted).toEqual([]);
  });

  it("covers every query input that takes a person's id (an ANALYST runs no mutation)", () => {
    const query = supergraph.getQueryType()!;
    const unlisted: string[] = [];
    const seen = new Set<GraphQLNamedType>();
    const visitInput = (type: GraphQLInputType) => {
      const named = getNamedType(type);
      if (!isInputObjectType(named) || seen.has(named)) return;
      seen.add(named);
      for (const field of Object.values(named.getFields())) {
        const coordinate = `${named.name}.${field.name}`;
        if (looksLikePersonId("", field.name) && !personIdInputs.has(coordinate)) unlisted.push(coordinate);
        visitInput(field.type);
      }
    };
    const visitOutput = (type: GraphQLNamedType) => {
      if (!isObjectType(type) || seen.has(type) || type.name.startsWith("_")) return;
      seen.add(type);
      for (const field of Object.values(type.getFields())) {
        for (const argument of field.args) {
          const coordinate = `${type.name}.${field.name}(${argument.name}:)`;
          const isPersonLookup =
            looksLikePersonId("", argument.name) ||
            (argument.name === "id" && personTypes.has(getNamedType(field.type).name));
          if (isPersonLookup && !personIdInputs.has(coordinate)) unlisted.push(coordinate);
          visitInput(argument.type);
        }
        visitOutput(getNamedType(field.type));
      }
    };
    visitOutput(query);
    expect(unlisted).toEqual([]);
  });
});
