import type { GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { ServiceTokenSigner } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { OVERLOADED } from "@intl/subgraph";
import { GraphQLError } from "graphql";
import type { CircuitBreaker } from "./circuitBreaker.ts";
import { ForwardingDataSource, SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE } from "./forwardingDataSource.ts";
import type { ForwardingDataSourceOptions } from "./forwardingDataSource.ts";
import type { GatewayContext } from "./gatewayContext.ts";

/** The role an anonymous caller (and the gateway's own health checks) is named by in a school's token. */
export const ANONYMOUS_CALLER = "ANONYMOUS";

export interface ExternalDataSourceOptions extends ForwardingDataSourceOptions {
  /** Signs the token the school receives instead of the user's. */
  signer: Promise<ServiceTokenSigner>;
  /** This school's breaker (kept across recompositions, keyed by name). */
  breaker: CircuitBreaker;
}

/**
 * Another IMT school's subgraph. It never sees our users' tokens: each
 * request carries instead a short-lived token the gateway signs for that
 * school alone (audience = its subgraph's name), naming only the caller's
 * role. A school that fails (no answer, timeout, 5xx) opens its circuit; its
 * fields then answer SUBGRAPH_UNAVAILABLE at once, and the rest of the answer
 * is served as usual.
 */
export class ExternalDataSource extends ForwardingDataSource {
  readonly #signer: Promise<ServiceTokenSigner>;
  readonly #breaker: CircuitBreaker;

  constructor(options: ExternalDataSourceOptions) {
    super(options);
    this.#signer = options.signer;
    this.#breaker = options.breaker;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    super.willSendRequest(options);
    const headers = options.request.http?.headers;
    if (!headers) return;
    headers.delete("authorization");
    const viewer = (options.context as Partial<GatewayContext>).viewer;
    headers.set("authorization", `Bearer ${await schoolToken(await this.#signer, this.name, viewer)}`);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    if (!this.#breaker.admit()) {
      throw unavailable(
        this.name,
        "its circuit is open after repeated failures",
        this.#breaker.retryAfterMs(),
      );
    }
    try {
      const response = await super.process(options);
      this.#breaker.succeeded();
      return response;
    } catch (error) {
      const code = error instanceof GraphQLError ? error.extensions["code"] : undefined;
      const clientLeft = (options.context as Partial<GatewayContext>).signal?.aborted === true;
      if (clientLeft && code !== SUBGRAPH_TIMEOUT) {
        this.#breaker.abandoned();
        throw error;
      }
      this.#breaker.failed();
      // Already coded and naming the school: too slow, or shedding its load.
      if (code === SUBGRAPH_TIMEOUT || code === OVERLOADED) throw error;
      throw unavailable(this.name, "it did not answer", this.#breaker.retryAfterMs());
    }
  }
}

/** The token a school receives for a caller: its audience, the caller's role, nothing personal. */
export function schoolToken(
  signer: ServiceTokenSigner,
  school: string,
  viewer: Viewer | undefined,
): Promise<string> {
  return signer.sign(school, { role: viewer?.authenticated ? viewer.role : ANONYMOUS_CALLER });
}

function unavailable(subgraph: string, why: string, retryAfterMs: number): GraphQLError {
  return new GraphQLError(`The ${subgraph} subgraph is unavailable (${why}); its fields are left out.`, {
    extensions: {
      code: SUBGRAPH_UNAVAILABLE,
      details: {
        subgraph,
        ...(retryAfterMs > 0 ? { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } : {}),
      },
    },
  });
}

/**
 * Whether a school's subgraph answers `{ __typename }` within its timeout,
 * asked as the gateway itself (an ANONYMOUS caller's token); null when it does,
 * else why not, in words.
 */
export async function checkSchoolHealth(
  school: { name: string; url: string; timeoutMs: number },
  signer: Promise<ServiceTokenSigner>,
): Promise<string | null> {
  try {
    const response = await fetch(school.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${await schoolToken(await signer, school.name, undefined)}`,
      },
      body: JSON.stringify({ query: "query __ApolloServiceHealthCheck__ { __typename }" }),
      signal: AbortSignal.timeout(school.timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { data?: { __typename?: string } } | null;
    if (response.ok && body?.data?.__typename) return null;
    return `${school.name} (${school.url}) answered its health check with HTTP ${response.status} and no data.`;
  } catch (error) {
    return `${school.name} (${school.url}) did not answer its health check: ${(error as Error).message}.`;
  }
}
