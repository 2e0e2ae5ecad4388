import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import { GraphQLError, Kind, Lexer, Source, TokenKind } from "graphql";
import { refuseRequest } from "./operationLog.ts";
import type {
  FieldNode,
  FragmentDefinitionNode,
  GraphQLField,
  GraphQLNamedType,
  GraphQLSchema,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
  ValueNode,
} from "graphql";

/**
 * Bounds on one operation, so an ad hoc analyst query cannot fan out into
 * unbounded subgraph work. Fields are counted after expanding fragments, aliases
 * included (each alias is resolved again).
 */
export interface QueryLimits {
  maxDepth: number;
  maxFields: number;
  /** The largest estimated cost (see `measureOperation`) an operation may have. */
  maxCost: number;
  /** The most lexical tokens a document may hold; counted before it is parsed. */
  maxTokens: number;
  /** How many items a list without a `first` argument (or default) is assumed to hold. */
  defaultListSize: number;
}

/**
 * The cost limit lets the heaviest documented operation through with room to
 * spare: the bench's 20 institutions across three subgraphs cost 1,163 and the
 * analyst guide's examples 300 at most. The token limit is far above what a
 * 500-field operation needs (GraphiQL's full introspection query holds about 190).
 */
export const defaultQueryLimits: QueryLimits = {
  maxDepth: 12,
  maxFields: 500,
  maxCost: 5000,
  maxTokens: 3000,
  defaultListSize: 10,
};

/** Reason codes of the errors these limits raise (code GRAPHQL_VALIDATION_FAILED, HTTP 400). */
export const QueryLimitReason = {
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  QUERY_TOO_LARGE: "QUERY_TOO_LARGE",
  QUERY_TOO_COSTLY: "QUERY_TOO_COSTLY",
  QUERY_TOO_MANY_TOKENS: "QUERY_TOO_MANY_TOKENS",
} as const;

export interface OperationMeasure {
  depth: number;
  fields: number;
  /**
   * Estimated cost: each field counts once per item of the lists enclosing it.
   * A list's size is its `first` argument (or that argument's default in the
   * schema, else `defaultListSize`); a connection's `first` sizes the lists
   * directly inside it (`nodes`, `edges`), not its `totalCount` or `pageInfo`.
   */
  cost: number;
}

const nothing: OperationMeasure = { depth: 0, fields: 0, cost: 0 };
const isIntrospection = (name: string) => name === "__schema" || name === "__type";

/**
 * Measures one operation, fragments expanded. Introspection (`__schema`,
 * `__type`) reads the gateway's in-memory schema and never reaches a subgraph:
 * its depth and cost are not counted (the standard introspection query is 15
 * deep); its fields still count toward the size.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  getFragment: (name: string) => FragmentDefinitionNode | null | undefined,
  options: { defaultListSize: number; variables?: Readonly<Record<string, unknown>> },
): OperationMeasure {
  const variables = variablesWithDefaults(operation, options.variables ?? {});
  // A fragment measures the same wherever it is spread (its cost scales with the
  // lists around it): measure each once, so nested spreads cost linear time.
  const fragmentMeasures = new Map<string, OperationMeasure>();
  const measuring = new Set<string>();

  /** `first` on a field, as asked (literal or variable), else its schema default. */
  const firstArgument = (node: FieldNode, defaultValue: unknown): number => {
    const given = node.arguments?.find((argument) => argument.name.value === "first");
    const value = given ? intFromAST(given.value, variables) : undefined;
    const size = typeof value === "number" ? value : defaultValue;
    return typeof size === "number" && Number.isFinite(size) ? Math.max(0, size) : options.defaultListSize;
  };

  const measureFragment = (fragment: FragmentDefinitionNode, pageSize: number | undefined) => {
    const key = `${fragment.name.value}:${pageSize ?? ""}`;
    const known = fragmentMeasures.get(key);
    if (known) return known;
    if (measuring.has(key)) return nothing; // a cycle: the standard NoFragmentCycles rule reports it
    measuring.add(key);
    const type = schema.getType(fragment.typeCondition.name.value);
    const measure = hasSelections(type) ? measureSelections(fragment.selectionSet, type, pageSize) : nothing;
    measuring.delete(key);
    fragmentMeasures.set(key, measure);
    return measure;
  };

  /** `pageSize`: the `first` of the connection these selections are made on, if any. */
  const measureSelections = (
    selectionSet: SelectionSetNode,
    parentType: GraphQLNamedType,
    pageSize: number | undefined,
  ): OperationMeasure => {
    let depth = 0;
    let fields = 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      let measure: OperationMeasure;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const definition = fieldsOf(parentType)?.[name];
        if (isIntrospection(name)) {
          const type = schema.getType(name === "__schema" ? "__Schema" : "__Type");
          const below =
            selection.selectionSet && hasSelections(type)
              ? measureSelections(selection.selectionSet, type, undefined)
              : nothing;
          measure = { depth: 0, fields: 1 + below.fields, cost: 1 };
        } else if (!definition) {
          // __typename, or a field that validation reports as unknown.
          measure = { depth: 1, fields: 1, cost: 1 };
        } else {
          const first = definition.args.find((argument) => argument.name === "first");
          const size = first ? firstArgument(selection, first.defaultValue) : undefined;
          const list = isList(definition);
          // A list counts its own size, or else the page size of the connection it sits in.
          const multiplier = list ? (size ?? pageSize ?? options.defaultListSize) : 1;
          const childType = schema.getType(namedTypeOf(definition));
          const below =
            selection.selectionSet && hasSelections(childType)
              ? measureSelections(selection.selectionSet, childType, list ? undefined : size)
              : nothing;
          measure = { depth: 1 + below.depth, fields: 1 + below.fields, cost: 1 + multiplier * below.cost };
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parentType;
        measure = hasSelections(type) ? measureSelections(selection.selectionSet, type, pageSize) : nothing;
      } else {
        const fragment = getFragment(selection.name.value);
        measure = fragment ? measureFragment(fragment, pageSize) : nothing;
      }
      depth = Math.max(depth, measure.depth);
      fields += measure.fields;
      cost += measure.cost;
    }
    return { depth, fields, cost };
  };

  const rootType = schema.getRootType(operation.operation);
  return rootType ? measureSelections(operation.selectionSet, rootType, undefined) : nothing;
}

// The schema at run time is built by @apollo/gateway, which may load another copy
// of graphql than this module's (CommonJS and ES builds under vitest): its types
// are read by shape and by their printed form, never with graphql's instanceof helpers.

/** Object types and interfaces have fields; unions (with only __typename and fragments) do not. */
function fieldsOf(type: GraphQLNamedType): Record<string, GraphQLField<unknown, unknown>> | undefined {
  return "getFields" in type && typeof type.getFields === "function"
    ? (type.getFields() as Record<string, GraphQLField<unknown, unknown>>)
    : undefined;
}

/** Object types, interfaces and unions: what a selection set can be made on. */
function hasSelections(type: GraphQLNamedType | null | undefined): type is GraphQLNamedType {
  return type != null && ("getFields" in type || "getTypes" in type) && !("getValues" in type);
}

/** `[Thing!]!` → a list; `ThingConnection!` → not. */
const isList = (field: GraphQLField<unknown, unknown>) => String(field.type).startsWith("[");
const namedTypeOf = (field: GraphQLField<unknown, unknown>) => String(field.type).replace(/[[\]!]/g, "");

/** An Int argument's value: a literal, or a variable's value (undefined when it is neither). */
function intFromAST(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  if (node.kind === Kind.INT) return Number.parseInt(node.value, 10);
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  return undefined;
}

/** The request's variables over the defaults its operation declares. */
function variablesWithDefaults(
  operation: OperationDefinitionNode,
  given: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      variables[definition.variable.name.value] = intFromAST(definition.defaultValue, {});
    }
  }
  return { ...variables, ...given };
}

const describe = (operation: OperationDefinitionNode) =>
  operation.name ? `Operation "${operation.name.value}"` : "The operation";

const refusal = (
  message: string,
  reason: string,
  details: Record<string, number>,
  nodes?: OperationDefinitionNode,
) =>
  new GraphQLError(message, {
    ...(nodes ? { nodes: [nodes] } : {}),
    extensions: { code: "GRAPHQL_VALIDATION_FAILED", reason, details, http: { status: 400 } },
  });

/**
 * A validation rule rejecting operations deeper or larger than `limits`. The
 * cost depends on the request's variables (`first: $n`), which validation does
 * not see: `queryLimitsPlugin` checks it.
 */
export function queryLimitsRule(limits: QueryLimits = defaultQueryLimits): ValidationRule {
  return (context: ValidationContext) => ({
    OperationDefinition(operation) {
      const { depth, fields } = measureOperation(
        context.getSchema(),
        operation,
        (name) => context.getFragment(name),
        { defaultListSize: limits.defaultListSize },
      );
      const name = describe(operation);
      if (depth > limits.maxDepth) {
        context.reportError(
          new GraphQLError(`${name} is ${depth} levels deep; the limit is ${limits.maxDepth}.`, {
            nodes: [operation],
            extensions: {
              reason: QueryLimitReason.QUERY_TOO_DEEP,
              details: { depth, maxDepth: limits.maxDepth },
            },
          }),
        );
      }
      if (fields > limits.maxFields) {
        context.reportError(
          new GraphQLError(`${name} selects ${fields} fields; the limit is ${limits.maxFields}.`, {
            nodes: [operation],
            extensions: {
              reason: QueryLimitReason.QUERY_TOO_LARGE,
              details: { fields, maxFields: limits.maxFields },
            },
          }),
        );
      }
    },
  });
}

/**
 * Refuses an operation costing more than `maxCost`, once it is known with its
 * variables, before the gateway plans or fetches anything.
 */
export function queryLimitsPlugin<TContext extends object>(
  limits: QueryLimits = defaultQueryLimits,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, operation, document, request }) {
          if (!operation) return; // Apollo has already refused it
          const fragments = new Map(
            document.definitions
              .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
              .map((fragment) => [fragment.name.value, fragment]),
          );
          const { cost } = measureOperation(schema, operation, (name) => fragments.get(name), {
            defaultListSize: limits.defaultListSize,
            variables: request.variables ?? {},
          });
          if (cost > limits.maxCost) {
            throw refusal(
              `${describe(operation)} has an estimated cost of ${cost}; the limit is ${limits.maxCost}.`,
              QueryLimitReason.QUERY_TOO_COSTLY,
              { cost, maxCost: limits.maxCost },
              operation,
            );
          }
        },
      };
    },
  };
}

/**
 * Refuses a document holding more than `maxTokens` tokens before Apollo parses
 * it (a plugin cannot answer a coded error that early: Apollo turns what its
 * early hooks throw into a 500).
 */
export function tokenLimit(maxTokens: number): RequestHandler {
  return (req, res, next) => {
    const query =
      req.method === "GET" ? req.query["query"] : (req.body as { query?: unknown } | undefined)?.query;
    if (typeof query === "string" && exceedsTokens(query, maxTokens)) {
      refuseRequest(
        res,
        400,
        `The document holds more than ${maxTokens} tokens; the limit is ${maxTokens}.`,
        {
          code: "GRAPHQL_VALIDATION_FAILED",
          reason: QueryLimitReason.QUERY_TOO_MANY_TOKENS,
          details: { maxTokens },
        },
      );
      return;
    }
    next();
  };
}

/** Counts tokens up to one past the limit; a lexical error is left for the parser to report. */
export function exceedsTokens(source: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  try {
    while (lexer.advance().kind !== TokenKind.EOF) {
      count += 1;
      if (count > maxTokens) return true;
    }
  } catch {
    return false;
  }
  return false;
}
