import { imtSchoolNamePattern } from "@intl/auth";
import { Kind, parse } from "graphql";
import type { DocumentNode, FieldDefinitionNode, InputValueDefinitionNode, StringValueNode } from "graphql";
import type { SubgraphSdl } from "../supergraph.ts";

const rootTypes = new Set(["Query", "Mutation", "Subscription"]);

/** What a school's subgraph is checked against: our services' types, fields and root fields. */
export interface OurGraph {
  /** Our subgraphs' names (a school may not take one). */
  names: ReadonlySet<string>;
  /** Each of our types: whether it is an entity (has a @key) and its fields. */
  types: ReadonlyMap<string, { entity: boolean; fields: ReadonlySet<string> }>;
  /** `Query.institutions`, `Mutation.draftAgreement`... */
  rootFields: ReadonlySet<string>;
}

/** Reads our services' SDLs into what the rules compare a school's subgraph with. */
export function describeOurGraph(ours: readonly SubgraphSdl[]): OurGraph {
  const types = new Map<string, { entity: boolean; fields: Set<string> }>();
  const rootFields = new Set<string>();
  for (const { sdl } of ours) {
    for (const type of typeDefinitions(parse(sdl))) {
      if (rootTypes.has(type.name)) {
        for (const field of type.fields) rootFields.add(`${type.name}.${field.name.value}`);
        continue;
      }
      const known = types.get(type.name) ?? { entity: false, fields: new Set<string>() };
      known.entity ||= type.directives.some((d) => d.name.value === "key");
      for (const field of type.fields) known.fields.add(field.name.value);
      types.set(type.name, known);
    }
  }
  return { names: new Set(ours.map((s) => s.name)), types, rootFields };
}

/** The prefix a school's own types carry: imt-mines-ales → ImtMinesAles. */
export function typePrefixOf(school: string): string {
  return school
    .split("-")
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}

/**
 * The rules a school's subgraph must follow (docs/federating-a-school.md), each
 * broken one as a sentence: its name, its own types' prefix, only new fields on
 * our entities, no @override, no root field of ours.
 */
export function checkSchoolRules(name: string, sdl: string, our: OurGraph): string[] {
  const violations: string[] = [];
  if (!imtSchoolNamePattern.test(name)) {
    violations.push(
      `The subgraph name "${name}" must be imt-<school> in lower case letters, digits and dashes (e.g. imt-atlantique).`,
    );
  }
  if (our.names.has(name)) violations.push(`"${name}" is the name of one of our own subgraphs.`);
  const document = parse(sdl);
  const prefix = typePrefixOf(name);
  const override = overrideDirectiveNames(document);

  for (const type of typeDefinitions(document)) {
    for (const field of type.fields) {
      if (field.directives?.some((d) => override.has(d.name.value))) {
        violations.push(
          `${type.name}.${field.name.value} uses @override: a school may not take fields over from another subgraph.`,
        );
      }
    }
    if (rootTypes.has(type.name)) {
      // Federation's own root fields (_service, _entities) are the subgraph library's, not the school's.
      for (const field of type.fields.filter((f) => !f.name.value.startsWith("_"))) {
        violations.push(...mustBeNullable(type.name, field));
        if (our.rootFields.has(`${type.name}.${field.name.value}`)) {
          violations.push(
            `${type.name}.${field.name.value} is already a root field of our graph: name yours with your prefix (e.g. ${lowerFirst(prefix)}${upperFirst(field.name.value)}).`,
          );
        }
      }
      continue;
    }
    if (isFederationType(type.name)) continue;
    const ours = our.types.get(type.name);
    if (!ours) {
      if (!type.name.startsWith(prefix)) {
        violations.push(`The type ${type.name} must carry the school's prefix: ${prefix}${type.name}.`);
      }
      continue;
    }
    if (!ours.entity) {
      violations.push(
        `${type.name} is one of our types and not an entity: a school extends only our entities (types with a @key, such as Institution or Country); name your own type ${prefix}${type.name}.`,
      );
      continue;
    }
    const keyFields = new Set(type.directives.flatMap(keyFieldNames));
    for (const field of type.fields) {
      const fieldName = field.name.value;
      const external = field.directives?.some((d) => d.name.value === "external") ?? false;
      if (ours.fields.has(fieldName) && !keyFields.has(fieldName) && !external) {
        violations.push(
          `${type.name}.${fieldName} is owned by our services: a school may add fields to ${type.name}, not redefine ours.`,
        );
      } else if (!keyFields.has(fieldName) && !external) {
        violations.push(...mustBeNullable(type.name, field));
      }
    }
  }
  return violations;
}

/**
 * A field a school adds to our entities or to the root types must be nullable:
 * when the school does not answer, the field becomes null with an error; a
 * non-null one would take the whole institution (or the whole answer) with it.
 */
function mustBeNullable(typeName: string, field: TypeDefinition["fields"][number]): string[] {
  if (!("type" in field) || field.type.kind !== Kind.NON_NULL_TYPE) return [];
  return [
    `${typeName}.${field.name.value} must be nullable: when your subgraph does not answer, it becomes null and the rest of the answer stays.`,
  ];
}

interface TypeDefinition {
  name: string;
  directives: readonly {
    name: { value: string };
    arguments?: readonly { name: { value: string }; value: unknown }[];
  }[];
  fields: readonly (
    FieldDefinitionNode | InputValueDefinitionNode | { name: { value: string }; directives?: undefined }
  )[];
}

/** Every type definition or extension, with its fields (an enum's values count as its fields). */
function typeDefinitions(document: DocumentNode): TypeDefinition[] {
  const found: TypeDefinition[] = [];
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        found.push({
          name: definition.name.value,
          directives: definition.directives ?? [],
          fields: definition.fields ?? [],
        });
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        found.push({ name: definition.name.value, directives: definition.directives ?? [], fields: [] });
        break;
      case Kind.UNION_TYPE_DEFINITION:
      case Kind.UNION_TYPE_EXTENSION:
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.SCALAR_TYPE_EXTENSION:
        found.push({ name: definition.name.value, directives: definition.directives ?? [], fields: [] });
        break;
      default:
        break;
    }
  }
  return found;
}

/** Federation's own types (`_Service`, `link__Import`, `federation__Scope`…) are not the school's. */
function isFederationType(name: string): boolean {
  return name.startsWith("_") || name.startsWith("link__") || name.startsWith("federation__");
}

/** The names @override goes by in this document: imported as is, renamed with `as`, or namespaced. */
function overrideDirectiveNames(document: DocumentNode): Set<string> {
  const names = new Set(["override", "federation__override"]);
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.SCHEMA_EXTENSION && definition.kind !== Kind.SCHEMA_DEFINITION) continue;
    for (const link of definition.directives ?? []) {
      const imports = link.arguments?.find((a) => a.name.value === "import")?.value;
      if (imports?.kind !== Kind.LIST) continue;
      for (const item of imports.values) {
        if (item.kind !== Kind.OBJECT) continue;
        const field = (key: string) =>
          (item.fields.find((f) => f.name.value === key)?.value as StringValueNode | undefined)?.value;
        if (field("name") === "@override" && field("as")) names.add(field("as")!.replace(/^@/, ""));
      }
    }
  }
  return names;
}

/** The top-level field names of a `@key(fields: "...")` selection. */
function keyFieldNames(directive: TypeDefinition["directives"][number]): string[] {
  if (directive.name.value !== "key") return [];
  const fields = directive.arguments?.find((a) => a.name.value === "fields")?.value as
    StringValueNode | undefined;
  if (fields?.kind !== Kind.STRING) return [];
  const selection = parse(`{ ${fields.value} }`).definitions[0];
  if (selection?.kind !== Kind.OPERATION_DEFINITION) return [];
  return selection.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
