import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "./gatewayContext.ts";

/**
 * Sends a subgraph request carrying the caller's own credentials and request id:
 * each subgraph applies its rules to the same viewer the gateway verified.
 */
export class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (!headers) return;
    // Schema loading and health checks run outside any request: no context then.
    const context: Partial<GatewayContext> = options.context;
    if (context.authorization) headers.set("authorization", context.authorization);
    if (context.requestId) headers.set("x-request-id", context.requestId);
  }
}
