import { GraphQLError, Kind } from "graphql";
import type { FragmentDefinitionNode, SelectionSetNode, ValidationContext, ValidationRule } from "graphql";

/**
 * Bounds on one operation, so an ad hoc analyst query cannot fan out into
 * unbounded subgraph work. Fields are counted after expanding fragments, aliases
 * included (each alias is resolved again).
 */
export interface QueryLimits {
  maxDepth: number;
  maxFields: number;
}

export const defaultQueryLimits: QueryLimits = { maxDepth: 12, maxFields: 500 };

/** Reason codes of the errors these rules raise (code GRAPHQL_VALIDATION_FAILED). */
export const QueryLimitReason = {
  QUERY_TOO_DEEP: "QUERY_TOO_DEEP",
  QUERY_TOO_LARGE: "QUERY_TOO_LARGE",
} as const;

interface Measure {
  depth: number;
  fields: number;
}

const nothing: Measure = { depth: 0, fields: 0 };

/**
 * A validation rule rejecting operations deeper or larger than `limits`.
 * Introspection (`__schema`, `__type`) reads the gateway's in-memory schema and
 * never reaches a subgraph, so its depth is not counted (the standard
 * introspection query is 15 deep); its fields still count toward the size.
 */
export function queryLimitsRule(limits: QueryLimits = defaultQueryLimits): ValidationRule {
  return (context: ValidationContext) => {
    // A fragment measures the same wherever it is spread: measure each once, so
    // nested spreads cost linear time instead of exponential.
    const fragmentMeasures = new Map<string, Measure>();
    const measuring = new Set<string>();

    const measureFragment = (fragment: FragmentDefinitionNode): Measure => {
      const name = fragment.name.value;
      const known = fragmentMeasures.get(name);
      if (known) return known;
      if (measuring.has(name)) return nothing; // a cycle: the standard NoFragmentCycles rule reports it
      measuring.add(name);
      const measure = measureSelections(fragment.selectionSet);
      measuring.delete(name);
      fragmentMeasures.set(name, measure);
      return measure;
    };

    const measureSelections = (selectionSet: SelectionSetNode): Measure => {
      let depth = 0;
      let fields = 0;
      for (const selection of selectionSet.selections) {
        let measure: Measure;
        if (selection.kind === Kind.FIELD) {
          const below = selection.selectionSet ? measureSelections(selection.selectionSet) : nothing;
          const introspection = selection.name.value === "__schema" || selection.name.value === "__type";
          measure = { depth: introspection ? 0 : 1 + below.depth, fields: 1 + below.fields };
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          measure = measureSelections(selection.selectionSet);
        } else {
          const fragment = context.getFragment(selection.name.value);
          measure = fragment ? measureFragment(fragment) : nothing;
        }
        depth = Math.max(depth, measure.depth);
        fields += measure.fields;
      }
      return { depth, fields };
    };

    return {
      OperationDefinition(operation) {
        const { depth, fields } = measureSelections(operation.selectionSet);
        const name = operation.name ? `Operation "${operation.name.value}"` : "The operation";
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
    };
  };
}
