import autocannon from "autocannon";
import type { BenchQuery } from "./queries.ts";

export interface LoadFigures {
  clients: number;
  durationSeconds: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Answers with GraphQL errors that all carry `extensions.code` (e.g. OVERLOADED, a subgraph timeout). */
  codedErrors: number;
  /** Answers with an error lacking a code, a body that is not JSON, or a 5xx other than a coded 503. */
  uncodedErrors: number;
  /** Requests the client gave up on (no answer within the client timeout). */
  timeouts: number;
  /** Connection errors (refused, reset). */
  connectionErrors: number;
  codes: Record<string, number>;
}

/** Sorts one answer into ok / coded error / uncoded error, counting the codes seen. */
export function classifyAnswer(
  status: number,
  body: string,
  codes: Record<string, number>,
): "ok" | "coded" | "uncoded" {
  let parsed: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return "uncoded";
  }
  const errors = parsed.errors ?? [];
  if (errors.length === 0) return status === 200 ? "ok" : "uncoded";
  let uncoded = false;
  for (const error of errors) {
    const code = error.extensions?.code;
    if (typeof code === "string") codes[code] = (codes[code] ?? 0) + 1;
    else uncoded = true;
  }
  return uncoded ? "uncoded" : "coded";
}

/** Sends `query` from `clients` concurrent connections for `durationSeconds`, each waiting for its answer. */
export async function runLoad(options: {
  url: string;
  token: string;
  query: BenchQuery;
  clients: number;
  durationSeconds: number;
  /** The client gives up after this many seconds. */
  timeoutSeconds: number;
}): Promise<LoadFigures> {
  const codes: Record<string, number> = {};
  let codedErrors = 0;
  let uncodedErrors = 0;
  const body = JSON.stringify({ query: options.query.query, variables: options.query.variables ?? {} });
  const result = await autocannon({
    url: options.url,
    connections: options.clients,
    pipelining: 1,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds,
    requests: [
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${options.token}`,
        },
        body,
        onResponse: (status: number, responseBody: string) => {
          const kind = classifyAnswer(status, responseBody, codes);
          if (kind === "coded") codedErrors++;
          if (kind === "uncoded") uncodedErrors++;
        },
      },
    ],
  });
  return {
    clients: options.clients,
    durationSeconds: options.durationSeconds,
    requests: result.requests.total,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    codedErrors,
    uncodedErrors,
    timeouts: result.timeouts,
    connectionErrors: result.errors - result.timeouts,
    codes,
  };
}
