import { GraphQLError } from "graphql";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { maskGatewayError } from "./errorMasking.ts";

const mask = maskGatewayError(pino({ level: "silent" }));
const internal = { code: "INTERNAL_SERVER_ERROR" };

describe("the gateway's error masking", () => {
  it("answers Apollo's own refusal of a request as sent (HTTP 4xx, no code) as BAD_REQUEST, with its words", () => {
    const refusal = new GraphQLError("provided sha does not match query", {
      extensions: { http: { status: 400 } },
    });
    expect(mask({ message: refusal.message, extensions: internal }, refusal)).toEqual({
      message: "provided sha does not match query",
      extensions: { code: "BAD_REQUEST" },
    });
  });

  it("masks an error without a code otherwise", () => {
    const failure = new Error("connect ECONNREFUSED 127.0.0.1:27017");
    expect(mask({ message: failure.message, extensions: internal }, failure)).toEqual({
      message: "Internal server error",
      extensions: internal,
    });
    const coded = new GraphQLError("boom", {
      extensions: { code: "INTERNAL_SERVER_ERROR", http: { status: 400 } },
    });
    expect(mask({ message: "boom", extensions: internal }, coded).message).toBe("Internal server error");
  });
});
