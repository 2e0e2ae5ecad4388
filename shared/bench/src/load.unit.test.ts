import { describe, expect, it } from "vitest";
import { classifyAnswer } from "./load.ts";

describe("the benchmark's answer classification", () => {
  it("counts an answer with data and no errors as ok", () => {
    expect(classifyAnswer(200, '{"data":{"a":1}}', {})).toBe("ok");
  });

  it("counts an answer whose errors all carry a code as coded, and tallies the codes", () => {
    const codes: Record<string, number> = {};
    const body = JSON.stringify({ errors: [{ message: "busy", extensions: { code: "OVERLOADED" } }] });
    expect(classifyAnswer(503, body, codes)).toBe("coded");
    expect(codes).toEqual({ OVERLOADED: 1 });
  });

  it("counts an error without a code, a non-JSON body or a bare 5xx as uncoded", () => {
    expect(classifyAnswer(200, '{"data":null,"errors":[{"message":"boom"}]}', {})).toBe("uncoded");
    expect(classifyAnswer(502, "<html>Bad gateway</html>", {})).toBe("uncoded");
    expect(classifyAnswer(500, "{}", {})).toBe("uncoded");
  });
});
