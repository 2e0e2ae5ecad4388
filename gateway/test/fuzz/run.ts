/**
 * The fuzz run: `operations` requests drawn from one seed and sent to the gateway over HTTP,
 * `concurrency` at a time, each inspected as it comes back (answers.ts). Requests are drawn in
 * order from the seed, so a seed gives the same sequence of requests; only the ids they aim at
 * come from earlier answers (the same at FUZZ_CONCURRENCY=1).
 */
import type { GraphQLSchema } from "graphql";
import { pick, pickWeighted, seededRandom } from "@intl/subgraph";
import { inspectAnswer } from "./answers.ts";
import {
  batchedRequest,
  brokenDocument,
  getRequest,
  malformedBody,
  otherMethod,
  wrongContentType,
  type RawRequest,
} from "./hostile.ts";
import { aliasedOperation, generateOperation, type Random } from "./operations.ts";

export interface FuzzTarget {
  /** The gateway's /graphql URL. */
  url: string;
  /** The API schema operations are generated from. */
  schema: GraphQLSchema;
  /** Authorization header values by label (null: no header), each with its weight in the draw. */
  authorizations: Readonly<Record<string, { header: string | null; weight: number }>>;
  /** Ids known before the run (more are gathered from answers). */
  ids: string[];
}

export interface FuzzSettings {
  seed: number;
  operations: number;
  concurrency: number;
  /** How long one answer may take before it counts as a hang. */
  answerTimeoutMs: number;
}

/** One problem found, with enough of the request and the answer to reproduce and fix it. */
export interface Finding {
  index: number;
  kind: string;
  authorization: string;
  problems: string[];
  status: number | "none";
  request: string;
  answer: string;
}

export interface FuzzFigures {
  sent: number;
  byKind: Record<string, number>;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  findings: Finding[];
  /**
   * Answers with a masked internal error (INTERNAL_SERVER_ERROR, "Internal server error"): no
   * internals shown, but something threw that no rule refused; kept to find what it was.
   */
  masked: Finding[];
  /** Problems by description, over all answers. */
  problems: Record<string, number>;
  durationMs: number;
}

const kinds = [
  ["operation", 58],
  ["deep nesting", 6],
  ["many aliases", 4],
  ["broken document", 5],
  ["malformed JSON", 8],
  ["content type", 6],
  ["GET", 7],
  ["batch", 3],
  ["other method", 3],
] as const satisfies readonly (readonly [string, number])[];

const json = { "content-type": "application/json" };

function post(kind: string, document: string, variables: Record<string, unknown> = {}): RawRequest {
  return { kind, method: "POST", headers: json, body: JSON.stringify({ query: document, variables }) };
}

/** Draws request number `index` (in order: each draw advances the run's generator). */
function drawRequest(random: Random, schema: GraphQLSchema, ids: readonly string[]): RawRequest {
  const kind = pickWeighted(random, kinds);
  const ordinary = () =>
    generateOperation(schema, random, { ids, hostileShare: 0.3, maxDepth: 1 + Math.floor(random() * 5) });
  switch (kind) {
    case "operation": {
      const { document, variables } = ordinary();
      return post(kind, document, variables);
    }
    case "deep nesting": {
      if (random() < 0.7) {
        const depth = 8 + Math.floor(random() * 40);
        const { document, variables } = generateOperation(schema, random, {
          ids,
          hostileShare: 0.1,
          maxDepth: depth,
          preferObjects: true,
          operation: "query",
        });
        return post(kind, document, variables);
      }
      const levels = pick(random, [50, 500, 5000]);
      return post(kind, `query { ${"institutions { nodes { ".repeat(levels)}id${" } }".repeat(levels)} }`);
    }
    case "many aliases":
      return post(kind, aliasedOperation(schema, random, pick(random, [10, 100, 400, 1000])));
    case "broken document":
      return post(kind, brokenDocument(random, ordinary().document));
    case "malformed JSON":
      return malformedBody(random, ordinary().document);
    case "content type":
      return wrongContentType(random, ordinary().document);
    case "GET": {
      const { document, variables } = ordinary();
      return getRequest(random, document, variables);
    }
    case "batch":
      return batchedRequest(random, [ordinary().document, ordinary().document, "{ __typename }"]);
    default:
      return otherMethod(random, ordinary().document);
  }
}

const excerpt = (text: string, length: number) =>
  text.length > length ? `${text.slice(0, length)}… (${text.length} chars)` : text;

/** Sends the run's requests and tallies what came back. */
export async function runFuzz(target: FuzzTarget, settings: FuzzSettings): Promise<FuzzFigures> {
  const random = seededRandom(settings.seed);
  const labels = Object.entries(target.authorizations).map(([label, { weight }]) => [label, weight] as const);
  const ids = [...target.ids];
  const figures: FuzzFigures = {
    sent: 0,
    byKind: {},
    byStatus: {},
    byCode: {},
    findings: [],
    masked: [],
    problems: {},
    durationMs: 0,
  };
  const count = (tally: Record<string, number>, key: string) => {
    tally[key] = (tally[key] ?? 0) + 1;
  };
  const started = performance.now();
  let next = 0;

  const sendOne = async (index: number) => {
    const request = drawRequest(random, target.schema, ids);
    const label = pickWeighted(random, labels);
    const authorization = target.authorizations[label]?.header ?? null;
    count(figures.byKind, request.kind);
    figures.sent++;
    let status: number | "none" = "none";
    let text = "";
    let problems: string[];
    let masked = false;
    try {
      const response = await fetch(`${target.url}${request.search ?? ""}`, {
        method: request.method,
        headers: { ...request.headers, ...(authorization === null ? {} : { authorization }) },
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: AbortSignal.timeout(settings.answerTimeoutMs),
      });
      status = response.status;
      text = await response.text();
      const inspection = inspectAnswer({ method: request.method, status, text });
      problems = inspection.problems;
      masked = inspection.codes.includes("INTERNAL_SERVER_ERROR");
      for (const code of inspection.codes) count(figures.byCode, code);
      // A bounded pool: enough to aim at real documents, never a growing cost.
      for (const id of inspection.ids) if (ids.length < 500 && !ids.includes(id)) ids.push(id);
    } catch (error) {
      const cause = (error as Error).cause as Error | undefined;
      problems = [`no answer (${(error as Error).message}${cause ? `: ${cause.message}` : ""})`];
    }
    count(figures.byStatus, String(status));
    for (const problem of problems) count(figures.problems, problem);
    const kept = problems.length > 0 ? figures.findings : masked ? figures.masked : undefined;
    if (kept && kept.length < 50) {
      const body = typeof request.body === "string" ? request.body : `<${request.body?.length ?? 0} bytes>`;
      kept.push({
        index,
        kind: request.kind,
        authorization: label,
        problems,
        status,
        request: excerpt(
          `${request.method} ${request.search ?? ""} ${JSON.stringify(request.headers)} ${body}`,
          600,
        ),
        answer: excerpt(text, 600),
      });
    }
  };

  const worker = async () => {
    while (next < settings.operations) await sendOne(next++);
  };
  await Promise.all(Array.from({ length: settings.concurrency }, worker));
  figures.durationMs = performance.now() - started;
  return figures;
}
