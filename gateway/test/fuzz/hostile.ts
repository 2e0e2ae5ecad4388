/**
 * What a careless or malicious client sends: values of the wrong type or size in operations
 * (hostileValue), and requests that are not well-formed GraphQL over HTTP at all (malformed JSON,
 * wrong content types, GET, batches, other methods). Nothing here contains a word the answer
 * inspection looks for (answers.ts): an echo of our own input must not count as a leak.
 */
import { getNamedType, isEnumType, isListType, isNonNullType } from "graphql";
import type { GraphQLInputType } from "graphql";
import { pick } from "@intl/subgraph";

type Random = () => number;

const KB = 1024;
const MB = 1024 * KB;

/** A string of about `bytes` UTF-8 bytes mixing scripts, so that sizes are not only ASCII. */
export function hugeString(bytes: number): string {
  const unit = "intl-graph é 漢字 😀 ";
  const text = Buffer.from(unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))));
  return text.subarray(0, bytes).toString("utf8");
}

/** Huge strings: 1 KB to 1 MB (the gateway's body limit is 1 MB; the largest is refused there). */
const huge = [1 * KB, 64 * KB, 512 * KB, 1 * MB];

export const unicodeStrings = [
  "😀🎓🌍",
  "\u202Eevil\u202C reversed",
  "مدرسة الهندسة",
  "עברית",
  "a\u0000b",
  "\u0000",
  "zero\u200Bwidth",
  "e\u0301\u0301\u0301",
  "\uFEFFbom",
  "𝕴𝖓𝖙𝖑",
  "\uD800 lone surrogate",
  "line\nbreak\ttab\r",
  "",
  " ",
];

const wrongTypes: unknown[] = [
  42,
  -1,
  3.14,
  true,
  false,
  {},
  [],
  ["a", 1, null],
  { nested: { deeper: { deepest: [1, 2, 3] } } },
  "not a number",
  "2025-02-30",
  { $gt: "" },
  { $ne: null },
  // Parsed, so that __proto__ is an own key (a literal would set the prototype instead).
  JSON.parse('{"__proto__": {"polluted": true}}'),
  { constructor: { prototype: { polluted: true } } },
  "__proto__",
  "constructor",
  "'; DROP TABLE institutions; --",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "{{7*7}}${7*7}",
  "%s%s%s%n",
];

const numbers: unknown[] = [
  -1,
  -100,
  0,
  -2147483648,
  2147483647,
  2147483648,
  -2147483649,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  1e308,
  -1e308,
  0.5,
  -0,
  "10",
  "Infinity",
];

const enumValues = ["NOT_A_VALUE", "active", "", "__proto__", "ACTIVE ", "ÉTAT", "null"];

/** A value that `type` should refuse, or one at its edges; chosen for the type half of the time. */
export function hostileValue(random: Random, type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  const roll = random();
  if (roll < 0.1 && isNonNullType(type)) return null;
  if (roll < 0.5) {
    if (named.name === "Int" || named.name === "Float") return pick(random, numbers);
    if (isEnumType(named)) return pick(random, enumValues);
    if (isListType(isNonNullType(type) ? type.ofType : type))
      return pick(random, [{}, "one", 1, [[["deep"]]]]);
    if (named.name === "String" || named.name === "ID") {
      return random() < 0.15 ? hugeString(pick(random, huge)) : pick(random, unicodeStrings);
    }
  }
  if (roll < 0.6) return pick(random, unicodeStrings);
  if (roll < 0.62) return hugeString(pick(random, huge));
  return pick(random, wrongTypes);
}

/** One HTTP request as the fuzz run sends it (to /graphql, with the authorization it picks). */
export interface RawRequest {
  kind: string;
  method: string;
  /** Appended to the /graphql URL (GET parameters). */
  search?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const json = { "content-type": "application/json" };
const simple = "{ __typename }";
const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/** Bodies that are not a GraphQL request: truncated, wrong shapes, wrong field types, binary. */
export function malformedBody(random: Random, document: string): RawRequest {
  const query = JSON.stringify(document);
  const bodies: (string | Uint8Array)[] = [
    `{"query": ${query}`,
    `{query: ${query}}`,
    `{"query": 1}`,
    `{"query": null}`,
    `{"query": ["${simple}"]}`,
    `{"query": {"$gt": ""}}`,
    "{}",
    "[]",
    "null",
    "true",
    '"just a string"',
    "42",
    "",
    `{"query": ${query}, "variables": "not an object"}`,
    `{"query": ${query}, "variables": [1, 2]}`,
    `{"query": ${query}, "variables": {"v0": ${nested(5000)}}}`,
    `{"query": ${query}, "operationName": 42}`,
    `{"query": ${query}, "operationName": "NotInTheDocument"}`,
    `{"query": ${query}, "extensions": "nope"}`,
    `{"query": ${query}, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "abc"}}}`,
    `{"extensions": {"persistedQuery": {"version": 1, "sha256Hash": "${"ab".repeat(32)}"}}}`,
    `{"query": ${query}, "query": "${simple}"}`,
    `{"__proto__": {"query": "${simple}"}}`,
    `\uFEFF{"query": ${query}}`,
    nested(100_000),
    `{"query": "${"{".repeat(5000)}"}`,
    new Uint8Array(Array.from({ length: 256 }, (_, i) => (i * 131 + 7) % 256)),
    Buffer.from(JSON.stringify({ query: document }), "utf16le"),
  ];
  return { kind: "malformed JSON", method: "POST", headers: json, body: pick(random, bodies) };
}

/** A valid JSON request under a content type the gateway should refuse (or read as what it says). */
export function wrongContentType(random: Random, document: string): RawRequest {
  const body = JSON.stringify({ query: document });
  const choices: RawRequest[] = [
    { kind: "content type", method: "POST", headers: { "content-type": "text/plain" }, body },
    { kind: "content type", method: "POST", headers: {}, body },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "application/graphql" },
      body: document,
    },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `query=${encodeURIComponent(document)}`,
    },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      body: `--xyz\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${body}\r\n--xyz--\r\n`,
    },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "application/xml" },
      body: "<query/>",
    },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-16" },
      body,
    },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "application/json; charset=koi8-r" },
      body,
    },
    { kind: "content type", method: "POST", headers: { ...json, "content-encoding": "gzip" }, body },
    { kind: "content type", method: "POST", headers: { ...json, "content-encoding": "nonsense" }, body },
    {
      kind: "content type",
      method: "POST",
      headers: { "content-type": "application/json, text/plain" },
      body,
    },
    { kind: "content type", method: "POST", headers: { "content-type": ";;;" }, body },
  ];
  return pick(random, choices);
}

/** GET with the operation in the URL, with and without the header CSRF prevention asks for. */
export function getRequest(random: Random, document: string, variables: Record<string, unknown>): RawRequest {
  const params = new URLSearchParams();
  const roll = random();
  if (roll > 0.05) params.set("query", document);
  if (roll > 0.5) params.set("variables", random() < 0.8 ? JSON.stringify(variables) : "{not json");
  if (roll > 0.9) params.set("extensions", pick(random, ["{}", "[", '{"persistedQuery":1}']));
  const search = `?${params.toString()}`;
  // Past Node's 16 KB header limit the HTTP parser itself answers 431 before any code of ours runs.
  const shortened = search.length > 12_000 ? `?query=${encodeURIComponent(simple)}` : search;
  const preflight: Record<string, string> = random() < 0.7 ? { "apollo-require-preflight": "true" } : {};
  return { kind: "GET", method: "GET", search: shortened, headers: preflight };
}

/** Batched operations (an array of requests), small to large, some malformed inside. */
export function batchedRequest(random: Random, documents: readonly string[]): RawRequest {
  const size = pick(random, [1, 2, 5, 50, 1000]);
  // Short documents only: a thousand copies of one holding a huge value would be a body of gigabytes.
  const short = documents.filter((document) => document.length < 2000);
  const batch = Array.from({ length: size }, (_, i) =>
    random() < 0.9 ? { query: short[i % short.length] } : pick(random, [null, 1, "x", [], {}]),
  );
  return { kind: "batch", method: "POST", headers: json, body: JSON.stringify(batch) };
}

/** Other methods on /graphql. */
export function otherMethod(random: Random, document: string): RawRequest {
  const method = pick(random, ["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"]);
  const withBody = method !== "HEAD" && method !== "OPTIONS";
  return {
    kind: "other method",
    method,
    headers: withBody ? json : {},
    ...(withBody ? { body: JSON.stringify({ query: document }) } : {}),
  };
}

/** Documents that do not parse or do not validate. */
export function brokenDocument(random: Random, valid: string): string {
  const cut = Math.floor(random() * valid.length);
  return pick(random, [
    valid.slice(0, cut),
    valid.replace(/\{/g, "(").slice(0, Math.max(cut, 3)),
    `${valid} ${valid}`,
    `query { ${"x".repeat(10_000)} }`,
    "query { unknownField }",
    "mutation { __typename }",
    "subscription { anything }",
    'query { __type(name: "Query") { name } }',
    "query Q($v: String) { __typename }",
    "query Q { __typename } query Q { __typename }",
    "fragment F on Query { ...F } query { ...F }",
    `query { ${"__typename @skip(if: false) ".repeat(50)} }`,
    '"""unterminated',
    "query { a: __typename a: __schema }",
    "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }",
    "\u0000\u0001\u0002",
    "😀 { }",
  ]);
}
