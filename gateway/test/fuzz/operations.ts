/**
 * Random operations generated from the API schema (the supergraph without its federation
 * machinery): a root field of Query or Mutation, its arguments (inline or as variables), and a
 * selection set walked down the schema to a random depth. Values are of the right type most of
 * the time (drawn from plausible pools, ids from those the run has seen) and hostile otherwise
 * (see hostileValue). The same `random` gives the same operations: a run is replayed by its seed.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from "graphql";
import type {
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLObjectType,
  GraphQLSchema,
} from "graphql";
import { pick } from "@intl/subgraph";
import { hostileValue } from "./hostile.ts";

export type Random = () => number;

export interface GeneratedOperation {
  document: string;
  variables: Record<string, unknown>;
}

export interface GenerationOptions {
  /** Ids seen in earlier answers, so that some operations reach real documents. */
  ids: readonly string[];
  /** The chance that one argument value is hostile rather than of its type. */
  hostileShare: number;
  /** How deep selections go below the root field. */
  maxDepth: number;
  /** Prefer object fields over leaves at each level (deep nesting). */
  preferObjects?: boolean;
  operation?: "query" | "mutation";
}

const words = ["Stuttgart", "Tsinghua", "Politecnico", "exchange", "Brest", "Nantes", "Rennes", "ICM", "MSC"];
const countryCodes = ["FR", "DE", "CN", "US", "BR", "IN", "JP", "ZZ", "fr", "XX"];
const dates = ["2025-03-01", "2026-09-01", "2024-02-29", "2025-13-45", "1900-01-01", "9999-12-31"];
const academicYears = ["2025-2026", "2026-2027", "2029-2030", "2026-2025", "1999-2000"];

const int = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));

/** A plausible value for a scalar, guessed from its type and the name of its argument or field. */
function plausibleScalar(type: GraphQLNamedType, name: string, random: Random, options: GenerationOptions) {
  const lower = name.toLowerCase();
  switch (type.name) {
    case "ID":
      return options.ids.length > 0 && random() < 0.7
        ? pick(random, options.ids)
        : pick(random, ["000000000000000000000000", "nope", "1", "65f0c0ffee0000000000beef"]);
    case "Int":
      if (lower === "first") return pick(random, [0, 1, 5, 20, 100]);
      if (lower.includes("year")) return int(random, 2018, 2032);
      return int(random, 0, 20);
    case "Float":
      return Math.round(random() * 2000) / 100;
    case "Boolean":
      return random() < 0.5;
    case "JSON":
      return { note: pick(random, words) };
    default:
      if (lower.includes("country")) return pick(random, countryCodes);
      if (lower.includes("academicyear") || lower.endsWith("year")) return pick(random, academicYears);
      if (lower.includes("date") || lower.endsWith("on") || lower.endsWith("at")) return pick(random, dates);
      if (lower.includes("email")) return `${pick(random, words).toLowerCase()}@example.org`;
      if (lower === "after" || lower === "before") return pick(random, ["", "MA==", "bm90IGEgY3Vyc29y"]);
      if (lower.includes("code")) return pick(random, ["ICM", "MSC", "D  STUTTGA01", "05f6e7x"]);
      return `${pick(random, words)} ${int(random, 1, 9999)}`;
  }
}

/** A value of `type` (or, with `hostileShare`, a hostile one), as JSON would carry it. */
export function valueOf(
  type: GraphQLInputType,
  name: string,
  random: Random,
  options: GenerationOptions,
  depth = 0,
  nullable = true,
): unknown {
  if (random() < options.hostileShare / (depth + 1)) return hostileValue(random, type);
  if (isNonNullType(type)) return valueOf(type.ofType, name, random, options, depth, false);
  if (nullable && random() < 0.05) return null;
  if (isListType(type)) {
    return Array.from({ length: int(random, 0, 3) }, () =>
      valueOf(type.ofType, name, random, options, depth + 1),
    );
  }
  if (isEnumType(type)) return pick(random, type.getValues()).name;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) || random() < 0.4) {
        value[field.name] = valueOf(field.type, field.name, random, options, depth + 1);
      }
    }
    return value;
  }
  return plausibleScalar(type, name, random, options);
}

/** A GraphQL literal of `value`: enum values bare when `type` is an enum, everything else as its JSON. */
export function literal(value: unknown, type: GraphQLInputType): string {
  const named = getNamedType(type);
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) {
    const item = isNonNullType(type) ? type.ofType : type;
    return `[${value.map((entry) => literal(entry, isListType(item) ? item.ofType : item)).join(", ")}]`;
  }
  if (typeof value === "object") {
    const fields = isInputObjectType(named) ? named.getFields() : {};
    const entries = Object.entries(value).filter(([key]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(key));
    return `{${entries.map(([key, entry]) => `${key}: ${literal(entry, fields[key]?.type ?? named)}`).join(", ")}}`;
  }
  if (isEnumType(named) && typeof value === "string" && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  // JSON's string escapes are GraphQL's (a lone surrogate's \\uD800 is refused as a parse error).
  return JSON.stringify(value) ?? "null";
}

/** Generates arguments, inline or as variables declared with the argument's own type. */
class Arguments {
  readonly declarations: string[] = [];
  readonly variables: Record<string, unknown> = {};

  constructor(
    private readonly random: Random,
    private readonly options: GenerationOptions,
  ) {}

  of(args: readonly GraphQLArgument[]): string {
    const given = args.filter((arg) => isNonNullType(arg.type) || this.random() < 0.5);
    if (given.length === 0) return "";
    const written = given.map((arg) => {
      const value = valueOf(arg.type, arg.name, this.random, this.options);
      if (this.random() < 0.5) return `${arg.name}: ${literal(value, arg.type)}`;
      const name = `v${this.declarations.length}`;
      this.declarations.push(`$${name}: ${String(arg.type)}`);
      if (value !== undefined) this.variables[name] = value;
      return `${arg.name}: $${name}`;
    });
    return `(${written.join(", ")})`;
  }
}

function fieldsOf(type: GraphQLNamedType): GraphQLField<unknown, unknown>[] {
  return isObjectType(type) || isInterfaceType(type) ? Object.values(type.getFields()) : [];
}

/** A selection set on `type`, its fields' arguments included, at most `depth` levels deep. */
function selectionOf(
  type: GraphQLNamedType,
  depth: number,
  random: Random,
  args: Arguments,
  options: GenerationOptions,
): string {
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = isUnionType(type) ? type.getTypes() : [];
    const own = isInterfaceType(type) ? selectFields(type, depth, random, args, options) : [];
    const fragments = possible
      .filter(() => random() < 0.6)
      .map((member) => `... on ${member.name} ${selectionOf(member, depth, random, args, options)}`);
    return `{ __typename ${[...own, ...fragments].join(" ")} }`;
  }
  const selected = selectFields(type, depth, random, args, options);
  return `{ ${selected.length > 0 ? selected.join(" ") : "__typename"} }`;
}

function selectFields(
  type: GraphQLNamedType,
  depth: number,
  random: Random,
  args: Arguments,
  options: GenerationOptions,
): string[] {
  const fields = fieldsOf(type);
  const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
  const objects = depth > 0 ? fields.filter((field) => !isLeafType(getNamedType(field.type))) : [];
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  // Deep nesting: a field whose type leads further down, when there is one.
  const onward = objects.filter((field) =>
    fieldsOf(getNamedType(field.type)).some((next) => !isLeafType(getNamedType(next.type))),
  );
  if (options.preferObjects && objects.length > 0)
    chosen.add(pick(random, onward.length > 0 ? onward : objects));
  else {
    const count = int(random, 1, 4);
    for (let i = 0; i < count; i++) {
      const pool = objects.length > 0 && random() < 0.35 ? objects : leaves.length > 0 ? leaves : objects;
      if (pool.length > 0) chosen.add(pick(random, pool));
    }
  }
  return [...chosen].map((field) => {
    const named = getNamedType(field.type);
    const below = isLeafType(named) ? "" : ` ${selectionOf(named, depth - 1, random, args, options)}`;
    return `${field.name}${args.of(field.args)}${below}`;
  });
}

/** One operation on a random root field of Query or Mutation. */
export function generateOperation(
  schema: GraphQLSchema,
  random: Random,
  options: GenerationOptions,
): GeneratedOperation {
  const kind = options.operation ?? (random() < 0.7 ? "query" : "mutation");
  const root = (kind === "query" ? schema.getQueryType() : schema.getMutationType()) as GraphQLObjectType;
  const args = new Arguments(random, options);
  const rootFields = Object.values(root.getFields());
  const objectFields = rootFields.filter((field) =>
    fieldsOf(getNamedType(field.type)).some((next) => !isLeafType(getNamedType(next.type))),
  );
  const field = pick(random, options.preferObjects ? objectFields : rootFields);
  const named = getNamedType(field.type);
  const selection = isLeafType(named)
    ? ""
    : ` ${selectionOf(named, options.maxDepth, random, args, options)}`;
  const body = `{ ${field.name}${args.of(field.args)}${selection} }`;
  const declared = args.declarations.length > 0 ? `(${args.declarations.join(", ")})` : "";
  const name = `Fuzz_${field.name}`;
  return { document: `${kind} ${name}${declared} ${body}`, variables: args.variables };
}

/** `count` aliases of one root query field that needs no argument (a wide operation). */
export function aliasedOperation(schema: GraphQLSchema, random: Random, count: number): string {
  const root = schema.getQueryType() as GraphQLObjectType;
  const free = Object.values(root.getFields()).filter((field) =>
    field.args.every((arg) => !isNonNullType(arg.type)),
  );
  const field = pick(random, free);
  const named = getNamedType(field.type);
  const leaf = fieldsOf(named).find((candidate) => isScalarType(getNamedType(candidate.type)));
  const selection = isLeafType(named) ? "" : ` { ${leaf?.name ?? "__typename"} }`;
  const aliases = Array.from({ length: count }, (_, i) => `a${i}: ${field.name}${selection}`);
  return `query Wide { ${aliases.join(" ")} }`;
}
