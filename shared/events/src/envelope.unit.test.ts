import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineEvent, EventValidationError, parseEvent } from "./envelope.ts";
import { agreementTerminated, institutionCreated } from "./contracts/partnerships.ts";
import { polimi, polimiCreated } from "./test-events.ts";

const institution = polimi;
const created = () => polimiCreated();

function parsingError(raw: unknown): EventValidationError {
  try {
    parseEvent([institutionCreated], raw);
  } catch (error) {
    if (error instanceof EventValidationError) return error;
    throw error;
  }
  throw new Error("expected the event to be refused");
}

describe("creating an event", () => {
  it("fills the envelope around valid data", () => {
    expect(created()).toEqual({
      specversion: "1.0",
      id: "evt-1",
      type: "partnerships.institution.created.v1",
      source: "/services/partnerships",
      subject: "inst-polimi",
      time: "2025-01-15T09:30:00.000Z",
      datacontenttype: "application/json",
      sequence: 1,
      data: institution,
    });
  });

  it("refuses data that breaks the contract, naming the field", () => {
    expect(() => polimiCreated({ data: { ...institution, countryCode: "Italy" } })).toThrow(
      /invalid data for partnerships\.institution\.created\.v1.*countryCode/,
    );
  });

  it("refuses a sequence that is not a positive aggregate version", () => {
    expect(() => polimiCreated({ sequence: 0 })).toThrow(EventValidationError);
  });
});

describe("parsing an event", () => {
  it("accepts the bytes of a valid event", () => {
    const event = created();
    expect(parseEvent([institutionCreated, agreementTerminated], Buffer.from(JSON.stringify(event)))).toEqual(
      event,
    );
  });

  it("accepts an already parsed object", () => {
    expect(parseEvent([institutionCreated], created())).toEqual(created());
  });

  it("refuses malformed JSON", () => {
    expect(parsingError("{not json").message).toMatch(/message is not JSON/);
  });

  it("refuses an envelope with missing fields", () => {
    const { subject: _subject, ...withoutSubject } = created();
    expect(parsingError(JSON.stringify(withoutSubject)).issues).toEqual([expect.stringMatching(/^subject:/)]);
  });

  it("refuses an event type it has no contract for", () => {
    const error = parsingError(JSON.stringify({ ...created(), type: "partnerships.institution.merged.v1" }));
    expect(error.message).toMatch(/unknown event type/);
    expect(error.issues).toEqual(["partnerships.institution.merged.v1"]);
  });

  it("refuses data that breaks the contract", () => {
    const error = parsingError(
      JSON.stringify({ ...created(), data: { ...institution, identifiers: undefined } }),
    );
    expect(error.message).toMatch(/invalid data for partnerships\.institution\.created\.v1/);
    expect(error.issues.join()).toMatch(/identifiers/);
  });
});

describe("declaring a contract", () => {
  it("requires the type to start with its topic", () => {
    expect(() =>
      defineEvent({ type: "a.b.done.v1", topic: "a.c", description: "", data: z.object({}) }),
    ).toThrow(/must start with its topic/);
  });
});
