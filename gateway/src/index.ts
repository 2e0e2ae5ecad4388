/**
 * @intl/gateway — the federation gateway, importable by end-to-end tests:
 * build it in-process on the checked-in supergraph, then listen on a free port.
 */
export { buildGateway } from "./gateway.ts";
export type { Gateway, GatewayDependencies } from "./gateway.ts";
export type { GatewayContext, VerifyToken } from "./gatewayContext.ts";
export { composeSupergraph } from "./supergraph.ts";
export type { SubgraphSdl, SupergraphComposition } from "./supergraph.ts";
export { readSubgraphSdls, subgraphCatalogue, supergraphPath } from "./subgraphCatalogue.ts";
export { defaultQueryLimits, QueryLimitReason } from "./queryLimits.ts";
export type { QueryLimits } from "./queryLimits.ts";
