/**
 * What the fuzz run holds every answer of the gateway to: no 5xx; every error answered as
 * GraphQL-shaped JSON with an `extensions.code`; nothing in an error that tells how the system is
 * built (stack traces, source paths, JavaScript runtime errors, store, Kafka or network errors).
 */

/** Internal texts an answer must never carry, each with the name the figures give it. */
export const internalTexts: readonly (readonly [string, RegExp])[] = [
  ["stack trace", /stacktrace|\bat (?:async )?(?:\S+ \()?(?:file:\/\/|node:|\/)[^\s)]*:\d+:\d+/i],
  ["source path", /\/src\/|node_modules|\.[cm]?[jt]s:\d+/],
  [
    "JavaScript runtime error",
    /Cannot read propert|Cannot set propert|is not a function|is not iterable|undefined is not|Maximum call stack|TypeError|ReferenceError|RangeError/,
  ],
  [
    "store error",
    /mongo|mongoose|ferret|postgres|E11000|duplicate key|BSON|Cast to \w+ failed|buffering timed out|Topology/i,
  ],
  ["Kafka error", /kafka/i],
  [
    "network error",
    /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|socket hang up|fetch failed|other side closed/,
  ],
];

/** Extensions a client may see (the gateway's formatError keeps only these). */
const publicExtensions = new Set(["code", "reason", "field", "details"]);

export interface Answer {
  method: string;
  status: number;
  /** The body as sent (empty for HEAD). */
  text: string;
}

export interface Inspection {
  /** What is wrong with the answer, one line each: the run expects none. */
  problems: string[];
  /** `extensions.code` of each error. */
  codes: string[];
  /** Values of `id` fields in the answer's data, to aim later operations at real documents. */
  ids: string[];
}

interface GraphQLBody {
  data?: unknown;
  errors?: unknown;
}

function collectIds(value: unknown, into: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into);
  } else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      if (key === "id" && typeof entry === "string") into.push(entry);
      else collectIds(entry, into);
    }
  }
}

function leaks(text: string): string[] {
  return internalTexts
    .filter(([, pattern]) => pattern.test(text))
    .map(([name]) => `leaks internals (${name})`);
}

/** Inspects one answer of the gateway. */
export function inspectAnswer(answer: Answer): Inspection {
  const problems: string[] = [];
  const codes: string[] = [];
  const ids: string[] = [];
  if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
  // No body to read: HEAD, and 204 (a CORS preflight answered without one).
  if (answer.method === "HEAD" || answer.status === 204) return { problems, codes, ids };

  let body: GraphQLBody;
  try {
    body = JSON.parse(answer.text) as GraphQLBody;
  } catch {
    problems.push(`not JSON (HTTP ${answer.status})`, ...leaks(answer.text));
    return { problems, codes, ids };
  }
  if (body === null || typeof body !== "object") {
    problems.push(`not a GraphQL answer (HTTP ${answer.status})`);
    return { problems, codes, ids };
  }
  collectIds(body.data, ids);
  const errors = body.errors;
  if (errors === undefined) {
    if (answer.status >= 400) problems.push(`HTTP ${answer.status} without errors`);
    return { problems, codes, ids };
  }
  if (!Array.isArray(errors) || errors.length === 0) {
    problems.push("errors is not a non-empty list");
    return { problems, codes, ids };
  }
  for (const error of errors as { message?: unknown; extensions?: Record<string, unknown> }[]) {
    const code = error?.extensions?.["code"];
    if (typeof code === "string" && code !== "") codes.push(code);
    else problems.push("an error without extensions.code");
    if (typeof error?.message !== "string") problems.push("an error without a message");
    for (const key of Object.keys(error?.extensions ?? {})) {
      if (!publicExtensions.has(key)) problems.push(`leaks internals (extension ${key})`);
    }
  }
  problems.push(...leaks(JSON.stringify(errors)));
  return { problems: [...new Set(problems)], codes, ids };
}
