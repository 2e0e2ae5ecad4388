import type { ApolloServerPlugin } from "@apollo/server";
import { createPseudonymiser, seesPseudonyms } from "@intl/auth";
import type { PseudonymKind, Viewer } from "@intl/auth";
// graphql/index.js, the CommonJS build Apollo's own code loads: under vitest a bare "graphql" is the
// ESM build, whose classes fail the instanceof checks of TypeInfo on Apollo's schema (two realms).
import {
  GraphQLError,
  Kind,
  TypeInfo,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isListType,
  isObjectType,
  visit,
  visitWithTypeInfo,
} from "graphql/index.js";
import type {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLInputType,
  GraphQLObjectType,
  GraphQLSchema,
  SelectionSetNode,
} from "graphql/index.js";

/**
 * Where the graph shows a person's id (`Type.field`), and which kind of person it is. An ANALYST
 * gets each of these as a pseudonym (GDPR art. 25). `gateway/src/pseudonyms.unit.test.ts` fails
 * when the supergraph has a person id field that is neither here nor in `notShownToAnalysts`.
 */
export const personIdFields: Readonly<Record<string, PseudonymKind>> = {
  "Student.id": "STUDENT",
  "Faculty.id": "FACULTY",
  "PhdCandidate.id": "PHD_CANDIDATE",
  "PhdSelection.supervisorFacultyId": "FACULTY",
  "Review.reviewer": "STAFF",
  "DecisionRecord.decidedBy": "STAFF",
};

/**
 * Where a query takes a person's id (`Type.field(argument:)` or `InputType.field`). An ANALYST
 * has no lookup by person id: a real id they should not know must not lead to its pseudonym, and
 * a pseudonym is not an id any service knows. An operation using one is refused.
 */
export const personIdInputs: ReadonlySet<string> = new Set([
  "Query.student(id:)",
  "Query.faculty(id:)",
  "ApplicationFilter.studentId",
  "MobilityFilter.studentId",
  "FacultyMobilityFilter.facultyId",
  "CollaborationFilter.leadFacultyId",
  "PhdPositionFilter.supervisorId",
  "InterviewFilter.panelMemberId",
]);

export const PseudonymReason = { PERSON_LOOKUP_NOT_ALLOWED: "PERSON_LOOKUP_NOT_ALLOWED" } as const;

/**
 * Pseudonyms at the gateway, the one place where the response the client reads is whole: subgraphs
 * keep exchanging real ids (the key of an entity one subgraph hands another is the id the client
 * also reads, so no subgraph could hash it without breaking the join), and only the answer is
 * rewritten. For an ANALYST: person ids answered as `pseudonymFor(viewer, kind, id)`, operations
 * taking a person id refused (FORBIDDEN `PERSON_LOOKUP_NOT_ALLOWED`, HTTP 403).
 */
export function pseudonymPlugin<TContext extends { viewer: Viewer }>(
  key: string,
): ApolloServerPlugin<TContext> {
  const { pseudonymFor } = createPseudonymiser(key);
  return {
    async requestDidStart({ contextValue }) {
      const viewer = contextValue.viewer;
      if (!seesPseudonyms(viewer)) return;
      return {
        async didResolveOperation({ document, schema, request }) {
          const input = personIdInputUsed(schema, document, request.variables ?? {});
          if (input === null) return;
          throw new GraphQLError(
            `An ANALYST sees pseudonyms and may not look a person up by id (${input}).`,
            {
              extensions: {
                code: "FORBIDDEN",
                reason: PseudonymReason.PERSON_LOOKUP_NOT_ALLOWED,
                http: { status: 403 },
              },
            },
          );
        },
        async willSendResponse({ response, document, schema, operation }) {
          if (response.body.kind !== "single" || !document || !operation) return;
          const data = response.body.singleResult.data;
          const root = schema.getRootType(operation.operation);
          if (!data || !root) return;
          const fragments = fragmentsOf(document);
          pseudonymiseObject(data, [operation.selectionSet], root, fragments, (kind, id) =>
            pseudonymFor(viewer, kind, id),
          );
        },
      };
    },
  };
}

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/**
 * The fields selected on an object of `type`, by response key (as graphql-js collects them):
 * a key selected twice is rewritten once. The graph has no interfaces or unions, so a fragment's
 * type condition is the object type itself or none.
 */
function collectFields(
  selectionSets: readonly SelectionSetNode[],
  type: GraphQLObjectType,
  fragments: Fragments,
  into = new Map<string, FieldNode[]>(),
): Map<string, FieldNode[]> {
  for (const selectionSet of selectionSets) {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        into.set(key, [...(into.get(key) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        if (condition === undefined || condition === type.name) {
          collectFields([selection.selectionSet], type, fragments, into);
        }
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && fragment.typeCondition.name.value === type.name) {
          collectFields([fragment.selectionSet], type, fragments, into);
        }
      }
    }
  }
  return into;
}

function pseudonymiseObject(
  object: Record<string, unknown>,
  selectionSets: readonly SelectionSetNode[],
  type: GraphQLObjectType,
  fragments: Fragments,
  pseudonym: (kind: PseudonymKind, id: string) => string,
): void {
  for (const [key, nodes] of collectFields(selectionSets, type, fragments)) {
    const value = object[key];
    const name = nodes[0]!.name.value;
    if (value === null || value === undefined || name.startsWith("__")) continue;
    const field = type.getFields()[name];
    if (!field) continue;
    const kind = personIdFields[`${type.name}.${name}`];
    if (kind !== undefined) {
      object[key] = mapLeaves(value, (id) => pseudonym(kind, id));
      continue;
    }
    const fieldType = getNamedType(field.type);
    if (!isObjectType(fieldType)) continue;
    const subSelections = nodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
    forEachObject(value, (child) =>
      pseudonymiseObject(child, subSelections, fieldType, fragments, pseudonym),
    );
  }
}

function mapLeaves(value: unknown, map: (id: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => mapLeaves(item, map));
  return typeof value === "string" ? map(value) : value;
}

function forEachObject(value: unknown, visitObject: (object: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const item of value) forEachObject(item, visitObject);
  else if (value !== null && typeof value === "object") visitObject(value as Record<string, unknown>);
}

/** The first person id input the operation passes a value to (literal or variable), or null. */
export function personIdInputUsed(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
): string | null {
  const typeInfo = new TypeInfo(schema);
  let found: string | null = null;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (found !== null || !parent || !field || field.args.length === 0) return;
        let values: Record<string, unknown>;
        try {
          values = getArgumentValues(field, node, variables);
        } catch {
          return; // invalid arguments: validation answers them, not this rule
        }
        for (const argument of field.args) {
          if (values[argument.name] === undefined || values[argument.name] === null) continue;
          const coordinate = `${parent.name}.${field.name}(${argument.name}:)`;
          found = personIdInputs.has(coordinate)
            ? coordinate
            : personIdInputIn(values[argument.name], argument.type);
          if (found !== null) return;
        }
      },
    }),
  );
  return found;
}

function personIdInputIn(value: unknown, type: GraphQLInputType): string | null {
  if (value === null || value === undefined) return null;
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const found = personIdInputIn(item, nullable.ofType);
      if (found !== null) return found;
    }
    return null;
  }
  if (!isInputObjectType(nullable) || typeof value !== "object") return null;
  for (const [name, field] of Object.entries(nullable.getFields())) {
    const fieldValue = (value as Record<string, unknown>)[name];
    if (fieldValue === undefined || fieldValue === null) continue;
    const coordinate = `${nullable.name}.${name}`;
    if (personIdInputs.has(coordinate)) return coordinate;
    const found = personIdInputIn(fieldValue, field.type);
    if (found !== null) return found;
  }
  return null;
}
