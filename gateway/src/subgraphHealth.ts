/** Each subgraph's state as `/ready` reports it: "ok" or why not. */
export type SubgraphHealth = Record<string, string>;

/**
 * Asks each subgraph's `/health` (beside its `/graphql`) whether it is alive.
 * Never throws: an unreachable or slow subgraph is reported, not raised.
 */
export async function checkSubgraphHealth(
  subgraphUrls: ReadonlyMap<string, string>,
  timeoutMs: number,
): Promise<{ healthy: boolean; subgraphs: SubgraphHealth }> {
  const entries = await Promise.all(
    [...subgraphUrls].map(async ([name, url]): Promise<[string, string]> => {
      try {
        const response = await fetch(new URL("/health", url), { signal: AbortSignal.timeout(timeoutMs) });
        return [name, response.ok ? "ok" : `health answered ${response.status}`];
      } catch (error) {
        return [name, `unreachable: ${error instanceof Error ? error.message : String(error)}`];
      }
    }),
  );
  return { healthy: entries.every(([, state]) => state === "ok"), subgraphs: Object.fromEntries(entries) };
}
