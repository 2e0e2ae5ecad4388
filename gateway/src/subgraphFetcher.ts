import { AsyncLocalStorage } from "node:async_hooks";
import type { RemoteGraphQLDataSource } from "@apollo/gateway";
import { Agent, fetch } from "undici";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

/** The signal of the subgraph fetch being made in the current async context. */
const fetchSignal = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` so that every fetch made by `createSubgraphFetcher`'s fetcher inside it obeys `signal`. */
export function withFetchSignal<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  return fetchSignal.run(signal, work);
}

export interface SubgraphFetcher {
  fetcher: Fetcher;
  /** Closes the pooled connections (at shutdown). */
  close(): Promise<void>;
}

/**
 * The gateway's HTTP client to its subgraphs: a keep-alive pool of at most
 * `maxConnections` sockets per subgraph (more requests wait in the pool for a
 * free socket, bounded by their signal), instead of Apollo's default client
 * with unlimited sockets, which under overload opened one per waiting request
 * and kept them long after the clients had gone. Apollo's data source builds
 * the request itself and hands no signal to its fetcher, so the signal comes
 * from the async context (`withFetchSignal`). An aborted fetch closes its
 * socket, which tells the subgraph its client left.
 */
export function createSubgraphFetcher(options: { maxConnections: number }): SubgraphFetcher {
  const agent = new Agent({ connections: options.maxConnections, keepAliveTimeout: 4_000 });
  const fetcher: Fetcher = async (url, init) => {
    const signal = fetchSignal.getStore();
    const response = await fetch(url, { ...init, dispatcher: agent, ...(signal ? { signal } : {}) });
    return response as FetcherResponse;
  };
  return { fetcher, close: () => agent.close() };
}
