import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { GraphQLError, Kind } from "graphql";

/**
 * Refuses, with HTTP 400, a request whose document holds no operation the gateway can run:
 * - an `operationName` the document does not define, or several operations and no name
 *   (OPERATION_RESOLUTION_FAILURE, in graphql-js's words);
 * - an operation of a type the schema has no root for, such as a subscription
 *   (GRAPHQL_VALIDATION_FAILED: graphql-js 16's validation lets it through).
 * Without it the gateway's executor throws on such a request (INVALID_GRAPHQL), which Apollo
 * Server answers as an internal error, HTTP 500.
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document, schema }) {
          if (operation && schema.getRootType(operation.operation)) return;
          if (operation) {
            throw new GraphQLError(`This schema has no ${operation.operation} operations.`, {
              nodes: operation,
              extensions: { code: "GRAPHQL_VALIDATION_FAILED", http: { status: 400 } },
            });
          }
          const operations = document.definitions.filter((node) => node.kind === Kind.OPERATION_DEFINITION);
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}".`
            : operations.length > 1
              ? "Must provide operation name if query contains multiple operations."
              : "Must provide an operation.";
          throw new GraphQLError(message, {
            extensions: { code: "OPERATION_RESOLUTION_FAILURE", http: { status: 400 } },
          });
        },
      };
    },
  };
}
