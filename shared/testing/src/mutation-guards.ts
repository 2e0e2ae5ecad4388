/**
 * The generated role test: every mutation of a subgraph's SDL, called through the
 * service's real server by a caller who may not write, must be refused with a coded
 * error before the service touches its store. The calls are built from the schema,
 * so a mutation added without a check fails the test of its service.
 */
import {
  createTokenVerifier,
  DEVELOPMENT_AUDIENCE,
  DEVELOPMENT_ISSUER,
  DEVELOPMENT_JWT_SECRET,
  mintDevelopmentToken,
  type Role,
  type TokenVerifier,
} from "@intl/auth";
import type {
  DefinitionNode,
  DocumentNode,
  FieldDefinitionNode,
  InputValueDefinitionNode,
  TypeNode,
} from "graphql";
import { Kafka, logLevel } from "kafkajs";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** One syntactically valid call of one mutation, its required arguments filled with placeholders. */
export interface MutationProbe {
  field: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A value of each scalar that its parser accepts. A schema with a scalar missing
 * here fails loudly: add a placeholder its validation accepts.
 */
export const placeholderScalars: Readonly<Record<string, unknown>> = {
  ID: "probe-id",
  String: "probe",
  Int: 1,
  Float: 1,
  Boolean: true,
  Date: "2026-09-01",
  DateTime: "2026-09-01T08:00:00.000Z",
  Instant: "2026-09-01T08:00:00.000Z",
  AcademicYear: "2026-2027",
};

interface SchemaIndex {
  scalars: Set<string>;
  enums: Map<string, string[]>;
  inputs: Map<string, InputValueDefinitionNode[]>;
  outputs: Set<string>;
  mutationFields: FieldDefinitionNode[];
}

function indexSchema(typeDefs: DocumentNode): SchemaIndex {
  const index: SchemaIndex = {
    scalars: new Set(Object.keys(placeholderScalars)),
    enums: new Map(),
    inputs: new Map(),
    outputs: new Set(),
    mutationFields: [],
  };
  // Extensions add to their type: `extend type Mutation`, `extend enum`, ...
  for (const definition of typeDefs.definitions as readonly DefinitionNode[]) {
    if (!("name" in definition) || !definition.name) continue;
    const name = definition.name.value;
    switch (definition.kind) {
      case "ScalarTypeDefinition":
      case "ScalarTypeExtension":
        index.scalars.add(name);
        break;
      case "EnumTypeDefinition":
      case "EnumTypeExtension":
        index.enums.set(name, [
          ...(index.enums.get(name) ?? []),
          ...(definition.values ?? []).map((value) => value.name.value),
        ]);
        break;
      case "InputObjectTypeDefinition":
      case "InputObjectTypeExtension":
        index.inputs.set(name, [...(index.inputs.get(name) ?? []), ...(definition.fields ?? [])]);
        break;
      case "ObjectTypeDefinition":
      case "ObjectTypeExtension":
        index.outputs.add(name);
        if (name === "Mutation") index.mutationFields.push(...(definition.fields ?? []));
        break;
      case "InterfaceTypeDefinition":
      case "InterfaceTypeExtension":
      case "UnionTypeDefinition":
      case "UnionTypeExtension":
        index.outputs.add(name);
        break;
    }
  }
  return index;
}

function namedType(type: TypeNode): string {
  return type.kind === "NamedType" ? type.name.value : namedType(type.type);
}

function printType(type: TypeNode): string {
  if (type.kind === "NamedType") return type.name.value;
  if (type.kind === "ListType") return `[${printType(type.type)}]`;
  return `${printType(type.type)}!`;
}

/** What GraphQL requires: non-null and without a default. */
const isRequired = (value: InputValueDefinitionNode) =>
  value.type.kind === "NonNullType" && !value.defaultValue;

function placeholder(index: SchemaIndex, type: TypeNode, path: string, seen: string[]): unknown {
  if (type.kind === "NonNullType") return placeholder(index, type.type, path, seen);
  if (type.kind === "ListType") return [placeholder(index, type.type, `${path}[0]`, seen)];
  const name = type.name.value;
  if (name in placeholderScalars) return placeholderScalars[name];
  const values = index.enums.get(name);
  if (values?.[0] !== undefined) return values[0];
  const fields = index.inputs.get(name);
  if (fields) {
    if (seen.includes(name)) throw new Error(`${path}: input ${name} requires itself`);
    return Object.fromEntries(
      fields
        .filter(isRequired)
        .map((field) => [
          field.name.value,
          placeholder(index, field.type, `${path}.${field.name.value}`, [...seen, name]),
        ]),
    );
  }
  throw new Error(`${path}: no placeholder for ${name}; add one to placeholderScalars`);
}

/** One call per field of `Mutation` (its required arguments only, as variables), in SDL order. */
export function mutationProbes(typeDefs: DocumentNode): MutationProbe[] {
  const index = indexSchema(typeDefs);
  return index.mutationFields.map((field) => {
    const name = field.name.value;
    const required = (field.arguments ?? []).filter(isRequired);
    const declarations = required.map((arg) => `$${arg.name.value}: ${printType(arg.type)}`);
    const passed = required.map((arg) => `${arg.name.value}: $${arg.name.value}`);
    const selection = index.outputs.has(namedType(field.type)) ? " { __typename }" : "";
    return {
      field: name,
      query:
        `mutation Probe${declarations.length ? `(${declarations.join(", ")})` : ""} ` +
        `{ ${name}${passed.length ? `(${passed.join(", ")})` : ""}${selection} }`,
      variables: Object.fromEntries(
        required.map((arg) => [
          arg.name.value,
          placeholder(index, arg.type, `${name}.${arg.name.value}`, []),
        ]),
      ),
    };
  });
}

/**
 * A store connection that is never opened and never buffers: every command fails at
 * once, and is recorded in `attempts` ("collection.method") before it fails.
 */
export function unopenedStore(): { connection: mongoose.Connection; attempts: string[] } {
  const attempts: string[] = [];
  const connection = mongoose.createConnection();
  // `set` would keep these among the driver options of a later `openUri`; the config is what
  // the collections read, and a model compiled on it neither builds indexes nor creates collections.
  Object.assign((connection as unknown as { config: Record<string, unknown> }).config, {
    bufferCommands: false,
    autoIndex: false,
    autoCreate: false,
  });
  const record = (operation: { collectionName: string; method: string }) =>
    attempts.push(`${operation.collectionName}.${operation.method}`);
  // `operation-start` comes before the "not connected" failure; `buffer` if a schema asks to buffer.
  connection.on("operation-start", record);
  connection.on("buffer", record);
  return { connection, attempts };
}

/** A Kafka client that is never connected (a built service connects only when started). */
export function unconnectedKafka(): Kafka {
  return new Kafka({ clientId: "mutation-guards", brokers: ["127.0.0.1:9"], logLevel: logLevel.NOTHING });
}

/** The development verifier: tokens minted by `describeMutationGuards` pass it. */
export function developmentVerifier(): TokenVerifier {
  return createTokenVerifier({
    secret: DEVELOPMENT_JWT_SECRET,
    issuer: DEVELOPMENT_ISSUER,
    audience: DEVELOPMENT_AUDIENCE,
  });
}

/** What `describeMutationGuards` builds the service with: nothing it could reach. */
export interface UnreachableDeps {
  connection: mongoose.Connection;
  kafka: Kafka;
  topicPrefix: string;
  verifyToken: TokenVerifier;
}

export interface MutationGuardsOptions {
  /** The service's SDL. */
  typeDefs: DocumentNode;
  /** Builds the service (its `buildService` with the test's logger); only its server is used, never started. */
  build(deps: UnreachableDeps): {
    server: {
      listen(address: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }>;
    };
  };
  /** Roles that may write nothing in this service; anonymous is always tried. */
  refusedRoles: Role[];
  /** Mutations legitimately open to one of `refusedRoles`, each with why. */
  exceptions?: Record<string, { roles: Role[]; reason: string }>;
}

/**
 * Describes, for every mutation of `typeDefs`: an anonymous call is refused
 * UNAUTHENTICATED and a call by each refused role FORBIDDEN, both before the
 * service sends the store anything. The service is built on a store that is never
 * opened, so a check placed after a store access fails too.
 */
export function describeMutationGuards(options: MutationGuardsOptions): void {
  const { typeDefs, refusedRoles, exceptions = {} } = options;
  const probes = mutationProbes(typeDefs);
  const { connection, attempts } = unopenedStore();
  const { server } = options.build({
    connection,
    kafka: unconnectedKafka(),
    topicPrefix: "",
    verifyToken: developmentVerifier(),
  });
  let listening: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    listening = await server.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await listening.close();
  });

  async function call(probe: MutationProbe, role: Role | null) {
    const token =
      role === null
        ? null
        : await mintDevelopmentToken({
            secret: DEVELOPMENT_JWT_SECRET,
            issuer: DEVELOPMENT_ISSUER,
            audience: DEVELOPMENT_AUDIENCE,
            role,
            institutionId: role === "PARTNER" ? "probe-institution" : null,
            ...(role === "IMT_SCHOOL" ? { school: "imt-probe" } : {}),
          });
    attempts.length = 0;
    const response = await fetch(listening.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: probe.query, variables: probe.variables }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    return {
      codes: (body.errors ?? []).map((error) => error.extensions?.code),
      body,
      attempts: [...attempts],
    };
  }

  it("has a mutation to check, and no exception for a mutation it does not have", () => {
    expect(probes.length).toBeGreaterThan(0);
    const fields = probes.map((probe) => probe.field);
    for (const field of Object.keys(exceptions)) expect(fields, `exception ${field}`).toContain(field);
  });

  describe.each(probes)("$field", (probe) => {
    it("refuses an anonymous caller (UNAUTHENTICATED) before touching the store", async () => {
      const answer = await call(probe, null);
      expect(answer.codes, JSON.stringify(answer.body)).toEqual(["UNAUTHENTICATED"]);
      expect(answer.attempts).toEqual([]);
    });

    for (const role of refusedRoles) {
      const exception = exceptions[probe.field];
      if (exception?.roles.includes(role)) continue;
      it(`refuses ${role} (FORBIDDEN) before touching the store`, async () => {
        const answer = await call(probe, role);
        expect(answer.codes, JSON.stringify(answer.body)).toEqual(["FORBIDDEN"]);
        expect(answer.attempts).toEqual([]);
      });
    }
  });
}
