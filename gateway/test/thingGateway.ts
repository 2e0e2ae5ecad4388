import { pino } from "pino";
import { afterAll, afterEach, beforeAll } from "vitest";
import { createTokenVerifier } from "@intl/auth";
import { buildGateway } from "../src/gateway.ts";
import type { GatewayLimits } from "../src/gateway.ts";
import { composeSupergraph } from "../src/supergraph.ts";
import {
  asSubgraphSdls,
  startCatalogueSubgraph,
  startReviewsSubgraph,
  startUnresponsiveSubgraph,
} from "./thingSubgraphs.ts";
import type { RunningSubgraph, UnresponsiveSubgraph } from "./thingSubgraphs.ts";

const verifyToken = createTokenVerifier({
  secret: "gateway-test-secret-0123456789-abcdef",
  issuer: "intl-graph",
  audience: "intl-graph",
});

/**
 * Per test file: the catalogue and reviews subgraphs on free ports; per test, at most one
 * gateway over them and a "shipping" subgraph that hangs or sheds, closed after the test.
 */
export function useThingGateway() {
  let catalogue: RunningSubgraph;
  let reviews: RunningSubgraph;
  let shipping: UnresponsiveSubgraph | undefined;
  let closeGateway: (() => Promise<void>) | undefined;

  const closeTestGateway = async () => {
    await closeGateway?.();
    await shipping?.close();
    closeGateway = undefined;
    shipping = undefined;
  };
  beforeAll(async () => {
    [catalogue, reviews] = await Promise.all([startCatalogueSubgraph(), startReviewsSubgraph()]);
  });
  afterEach(closeTestGateway);
  afterAll(async () => {
    await Promise.all([catalogue?.close(), reviews?.close()]);
  });

  /** A gateway over catalogue, reviews and a "shipping" subgraph that hangs or sheds. */
  async function gatewayWith(behaviour: "hang" | "shed", overload: Partial<GatewayLimits>) {
    await closeTestGateway();
    const started = await startUnresponsiveSubgraph(behaviour);
    shipping = started;
    const composition = composeSupergraph(asSubgraphSdls([catalogue, reviews, started]));
    if (!composition.ok) throw new Error(composition.errors.join("\n"));
    const gateway = buildGateway({
      supergraphSdl: composition.supergraphSdl,
      verifyToken,
      logger: pino({ level: "silent" }),
      overload,
    });
    const server = await gateway.listen({ port: 0, host: "127.0.0.1" });
    closeGateway = server.close;
    return { url: server.url, origin: new URL(server.url).origin, shipping: started };
  }

  return { gatewayWith };
}
