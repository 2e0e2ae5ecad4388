/**
 * Access and portability (GDPR arts. 15, 20): `personalDataExport(person)` answers one
 * `PersonalDataSubject` entity (`@key(fields: "id")`, id `<KIND>:<id>`) to which each service
 * adds its own field (`students`, `research`, ...) holding, as JSON, what it stores on the person.
 * The gateway puts the parts together in one machine-readable document. ADMIN only, per part.
 */
import { Role, requireRole } from "@intl/auth";
import { badInput } from "@intl/errors";
import { personKind } from "@intl/events";
import type { erasureRequested, EventOf } from "@intl/events";
import { GraphQLScalarType, Kind } from "graphql";
import type { ValueNode } from "graphql";
import type { BaseContext } from "./context.ts";

type Person = EventOf<typeof erasureRequested>["data"]["person"];

/** Any JSON value, as it is (the parts of a personal data export). */
export const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Any JSON value.",
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: function literal(node: ValueNode): unknown {
    switch (node.kind) {
      case Kind.STRING:
      case Kind.BOOLEAN:
        return node.value;
      case Kind.INT:
      case Kind.FLOAT:
        return Number(node.value);
      case Kind.LIST:
        return node.values.map(literal);
      case Kind.OBJECT:
        return Object.fromEntries(node.fields.map((field) => [field.name.value, literal(field.value)]));
      default:
        return null;
    }
  },
});

/** `<KIND>:<id>` → the person; BAD_USER_INPUT for anything else. */
export function personFromSubjectId(subjectId: string): Person {
  const separator = subjectId.indexOf(":");
  const kind = personKind.safeParse(subjectId.slice(0, separator));
  const id = subjectId.slice(separator + 1);
  if (separator < 0 || !kind.success || id === "") {
    throw badInput("INVALID_INPUT", "id", "A personal data subject is <KIND>:<id>, e.g. STUDENT:42.");
  }
  return { kind: kind.data, id };
}

export function subjectIdOf(person: Person): string {
  return `${person.kind}:${person.id}`;
}

/** Stored documents as exported: without the outbox and the bookkeeping of the store. */
export function exportedDocument(document: Record<string, unknown>): Record<string, unknown> {
  const { _outbox, _outboxPending, linksPending, appliedEvents, ...rest } = document;
  void [_outbox, _outboxPending, linksPending, appliedEvents];
  return JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
}

/**
 * The resolvers of a service's part of the export: the entity's reference, the service's
 * field (`collect`: what it holds on the person, as plain data), ADMIN only, and the JSON scalar.
 */
export function personalDataExportResolvers(service: string, collect: (person: Person) => Promise<unknown>) {
  return {
    JSON: JSONScalar,
    PersonalDataSubject: {
      __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
      [service]: async (subject: { id: string }, _args: unknown, context: BaseContext) => {
        requireRole(context.viewer, Role.ADMIN);
        const person = personFromSubjectId(subject.id);
        return { service, person, data: await collect(person) };
      },
    },
  };
}
