import { describe, expect, it } from "vitest";
import { inspectAnswer } from "./answers.ts";

const answer = (status: number, body: unknown, method = "POST") => ({
  method,
  status,
  text: typeof body === "string" ? body : JSON.stringify(body),
});
const refused = (message: string, extensions: Record<string, unknown> = { code: "BAD_USER_INPUT" }) =>
  answer(200, { data: null, errors: [{ message, extensions }] });

describe("what the fuzz run holds an answer of the gateway to", () => {
  it("accepts data, and coded refusals in GraphQL's shape, collecting their codes and the ids in the data", () => {
    expect(
      inspectAnswer(answer(200, { data: { institution: { id: "i1", agreements: [{ id: "a1" }] } } })),
    ).toEqual({
      problems: [],
      codes: [],
      ids: ["i1", "a1"],
    });
    expect(
      inspectAnswer(
        answer(400, { errors: [{ message: "Syntax Error", extensions: { code: "GRAPHQL_PARSE_FAILED" } }] }),
      ),
    ).toEqual({ problems: [], codes: ["GRAPHQL_PARSE_FAILED"], ids: [] });
  });

  it("does not take GraphQL's own words about the client's input for internal texts", () => {
    const coercion =
      'Variable "$v0" got invalid value { $gt: "" }; Field "$gt" is not defined by type "Filter".';
    expect(inspectAnswer(refused(coercion)).problems).toEqual([]);
  });

  it("counts a 5xx, even coded", () => {
    const overloaded = answer(503, {
      errors: [{ message: "at capacity", extensions: { code: "OVERLOADED" } }],
    });
    expect(inspectAnswer(overloaded).problems).toEqual(["HTTP 503"]);
  });

  it("counts an error without a code, and an error answer that is not GraphQL-shaped JSON", () => {
    expect(inspectAnswer(answer(200, { errors: [{ message: "no code" }] })).problems).toEqual([
      "an error without extensions.code",
    ]);
    expect(inspectAnswer(answer(400, "<!DOCTYPE html><pre>Bad Request</pre>")).problems).toEqual([
      "not JSON (HTTP 400)",
    ]);
    expect(inspectAnswer(answer(405, {})).problems).toEqual(["HTTP 405 without errors"]);
    expect(inspectAnswer(answer(400, { errors: [] })).problems).toEqual(["errors is not a non-empty list"]);
  });

  it.each([
    [
      "stack trace",
      "boom\n    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)",
    ],
    ["source path", "failed in /app/shared/events/src/envelope"],
    ["JavaScript runtime error", "Cannot read properties of undefined (reading 'id')"],
    ["JavaScript runtime error", "x.map is not a function"],
    ["store error", 'Cast to ObjectId failed for value "nope" (type string) at path "_id"'],
    ["store error", "E11000 duplicate key error collection: institutions"],
    ["store error", "MongoServerError: unknown operator $gt"],
    ["Kafka error", "KafkaJSNumberOfRetriesExceeded"],
    ["network error", "connect ECONNREFUSED 127.0.0.1:4001"],
  ])("counts an internal text in an error: %s", (name, message) => {
    expect(inspectAnswer(refused(message)).problems).toEqual([`leaks internals (${name})`]);
  });

  it("counts internal extensions (a stack trace, the exception) and internal texts in a body that is not JSON", () => {
    expect(
      inspectAnswer(refused("Internal server error", { code: "INTERNAL_SERVER_ERROR", stacktrace: [] }))
        .problems,
    ).toContain("leaks internals (extension stacktrace)");
    expect(inspectAnswer(answer(500, "TypeError: x is undefined")).problems).toEqual([
      "HTTP 500",
      "not JSON (HTTP 500)",
      "leaks internals (JavaScript runtime error)",
    ]);
  });

  it("reads no body for HEAD", () => {
    expect(inspectAnswer(answer(405, "", "HEAD")).problems).toEqual([]);
  });
});
