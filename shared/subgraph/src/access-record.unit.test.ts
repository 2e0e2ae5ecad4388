// The record of access as a subgraph collects it, in-process: what one request leaves (no store).
import { gql } from "graphql-tag";
import { describe, expect, it } from "vitest";
import { Role, requireRole } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { accessRecordPlugin, clientOperationName } from "./access-record.ts";
import type { AccessRecordDocument, PersonalDataAccess } from "./access-record.ts";
import { buildBaseContext } from "./context.ts";
import { createLogger } from "./logger.ts";
import { createSubgraphServer } from "./server.ts";
import type { SubgraphResolvers } from "./server.ts";

const typeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Person @key(fields: "id") {
    id: ID!
    name: String
    email: String
    city: String!
  }

  type Query {
    people(first: Int!): [Person!]!
    person(id: ID!): Person
  }

  type Mutation {
    renamePerson(id: ID!, name: String!): Person!
  }
`;

interface StoredPerson {
  _id: string;
  name: string | null;
  email: string;
  city: string;
}

const people: StoredPerson[] = Array.from({ length: 100 }, (_, index) => ({
  _id: String(index + 1),
  name: `Person Number ${index + 1}`,
  email: `person${index + 1}@example.org`,
  city: "Paris",
}));
people[1]!.name = null; // erased

const resolvers: SubgraphResolvers<ReturnType<typeof buildBaseContext>> = {
  Query: {
    people: (_: unknown, args: { first: number }) => people.slice(0, args.first),
    person: (_: unknown, args: { id: string }) => people.find((each) => each._id === args.id) ?? null,
  },
  Mutation: {
    renamePerson: (_: unknown, args: { id: string; name: string }) => ({
      ...people.find((each) => each._id === args.id)!,
      name: args.name,
    }),
  },
  Person: {
    id: (person: StoredPerson) => person._id,
    // Emails only for the office, as a service's personal fields are guarded.
    email: (person: StoredPerson, _: unknown, context: { viewer: Viewer }) => {
      requireRole(context.viewer, Role.INTERNATIONAL_OFFICE);
      return person.email;
    },
  },
};

const declaration: PersonalDataAccess = {
  reads: {
    Person: { fields: ["name", "email"], subject: (person: StoredPerson) => `STUDENT:${person._id}` },
  },
  writes: {
    renamePerson: { fields: ["name"], subject: (args: { id: string }) => `STUDENT:${args.id}` },
  },
};

const logger = createLogger("access-record-test", "silent");
const viewer = (role: Role): Viewer => ({
  authenticated: true,
  subject: `user-${role.toLowerCase()}`,
  role,
  hdr: false,
  institutionId: null,
  facultyId: null,
});

/** Runs `query` as `role` and answers the records the request left. */
async function recordsOf(query: string, role: Role = Role.INTERNATIONAL_OFFICE, operationName?: string) {
  const records: AccessRecordDocument[] = [];
  const server = createSubgraphServer({
    name: "students",
    typeDefs,
    resolvers,
    verifyToken: async () => viewer(role),
    logger,
    plugins: [
      accessRecordPlugin({
        service: "students",
        declaration,
        record: (record) => records.push(record),
        clock: () => new Date("2026-11-29T10:00:00Z"),
        newId: () => "record-1",
      }),
    ],
  });
  await server.start();
  const contextValue = buildBaseContext({ logger, viewer: viewer(role), requestId: "request-7" });
  const response = await server.apollo.executeOperation(
    { query, ...(operationName ? { operationName } : {}) },
    { contextValue },
  );
  await server.apollo.stop();
  return { records, response };
}

describe("the record of access, per request", () => {
  it("leaves one record for a list of 100 people, naming the 100 subjects and the fields read", async () => {
    const { records } = await recordsOf(`query Roster { people(first: 100) { id name email city } }`);

    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      _id: "record-1",
      at: new Date("2026-11-29T10:00:00Z"),
      service: "students",
      requestId: "request-7",
      viewerSubject: "user-international_office",
      viewerRole: "INTERNATIONAL_OFFICE",
      operationName: "Roster",
      operationType: "query",
      kind: "READ",
    });
    expect(record!.subjectIds).toHaveLength(100);
    expect(record!.subjects[0]).toEqual({ subject: "STUDENT:1", fields: ["email", "name"] });
    // The erased person's name disclosed nothing: only the email was read.
    expect(record!.subjects[1]).toEqual({ subject: "STUDENT:2", fields: ["email"] });
  });

  it("holds ids and field names, never a value", async () => {
    const { records, response } = await recordsOf(`{ person(id: "5") { name email } }`);

    expect(JSON.stringify(response.body)).toContain("person5@example.org");
    const stored = JSON.stringify(records);
    expect(stored).not.toContain("Person Number 5");
    expect(stored).not.toContain("person5@example.org");
  });

  it("leaves nothing for a request that reads no personal field, or only refused ones", async () => {
    expect((await recordsOf(`{ people(first: 3) { id city } }`)).records).toEqual([]);
    const refused = await recordsOf(`{ person(id: "2") { email } }`, Role.ANALYST);
    expect(refused.response.body).toMatchObject({
      singleResult: { errors: [{ extensions: { code: "FORBIDDEN" } }] },
    });
    expect(refused.records).toEqual([]);
  });

  it("records a mutation of personal data as one WRITE, with what it wrote and read back", async () => {
    const { records } = await recordsOf(
      `mutation Rename { renamePerson(id: "3", name: "New Name") { id email } }`,
    );

    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      kind: "WRITE",
      operationName: "Rename",
      operationType: "mutation",
      subjects: [{ subject: "STUDENT:3", fields: ["email", "name"] }],
    });
  });

  it("names the client's operation, not the gateway's fetch of it", () => {
    expect(clientOperationName("NomineesOfUsp__students__1")).toBe("NomineesOfUsp");
    expect(clientOperationName("Roster")).toBe("Roster");
    expect(clientOperationName(undefined)).toBeNull();
  });
});
