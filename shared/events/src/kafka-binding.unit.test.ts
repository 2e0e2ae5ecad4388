import { describe, expect, it } from "vitest";
import { agreementTerminated, institutionCreated } from "./contracts/partnerships.ts";
import { EventValidationError } from "./envelope.ts";
import type { ConsumedKafkaMessage } from "./kafka-binding.ts";
import { polimi, polimiCreated } from "./test-events.ts";
import {
  CLOUDEVENTS_JSON_CONTENT_TYPE,
  fromKafkaMessage,
  kafkaContentMode,
  toKafkaMessage,
} from "./kafka-binding.ts";

const contracts = [institutionCreated, agreementTerminated];

const institution = polimi;
const event = polimiCreated({ sequence: 3 });

/** What a consumer receives: headers and value as bytes, like kafkajs hands them over. */
/** The attributes of `event` as binary-mode headers. */
const binaryHeaders = {
  ce_specversion: "1.0",
  ce_type: "partnerships.institution.created.v1",
  ce_source: "/services/partnerships",
  ce_id: "evt-1",
  ce_time: "2025-01-15T09:30:00.000Z",
  ce_subject: "inst-polimi",
  ce_sequence: "3",
  "content-type": "application/json; charset=utf-8",
};

/** The headers the relay wrote before the binding. */
const legacyHeaders = {
  "ce-id": "evt-1",
  "ce-type": "partnerships.institution.created.v1",
  "content-type": "application/json",
};

function consumed(value: string | null, headers: Record<string, string | string[]>): ConsumedKafkaMessage {
  return {
    value: value === null ? null : Buffer.from(value),
    headers: Object.fromEntries(
      Object.entries(headers).map(([name, header]) => [
        name,
        Array.isArray(header) ? header.map((item) => Buffer.from(item)) : Buffer.from(header),
      ]),
    ),
  };
}

/** A structured-mode message with `value`. */
function structured(value: string): ConsumedKafkaMessage {
  return consumed(value, { "content-type": CLOUDEVENTS_JSON_CONTENT_TYPE });
}

/** The message of the EventValidationError that reading `message` throws. */
function refusal(message: ConsumedKafkaMessage): string {
  let thrown: unknown;
  try {
    fromKafkaMessage(message, contracts);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(EventValidationError);
  return (thrown as EventValidationError).message;
}

describe("publishing an event as a Kafka message", () => {
  it("uses structured mode: the JSON envelope as value, the CloudEvents JSON media type, the subject as key", () => {
    expect(toKafkaMessage(event)).toEqual({
      key: "inst-polimi",
      value: JSON.stringify(event),
      headers: { "content-type": "application/cloudevents+json; charset=UTF-8" },
    });
  });

  it("carries extra transport headers such as traceparent", () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    expect(toKafkaMessage(event, { traceparent }).headers).toEqual({
      traceparent,
      "content-type": CLOUDEVENTS_JSON_CONTENT_TYPE,
    });
  });

  it("refuses extra headers that would contradict the value: content-type and CloudEvents attributes", () => {
    for (const name of ["content-type", "Content-Type", "ce_id", "ce-type"]) {
      expect(() => toKafkaMessage(event, { [name]: "x" })).toThrow(`header ${name} is reserved`);
    }
  });

  it("is read back as the same event", () => {
    const message = toKafkaMessage(event, {
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    });
    const received = consumed(message.value, message.headers);
    expect(kafkaContentMode(received)).toBe("structured");
    expect(fromKafkaMessage(received, contracts)).toEqual(event);
  });
});

describe("reading a Kafka message", () => {
  it("reads a structured-mode message (the binding's example, with our event)", () => {
    const value = `{
      "specversion": "1.0",
      "type": "partnerships.institution.created.v1",
      "source": "/services/partnerships",
      "id": "evt-1",
      "time": "2025-01-15T09:30:00.000Z",
      "datacontenttype": "application/json",
      "subject": "inst-polimi",
      "sequence": 3,
      "data": ${JSON.stringify(institution)}
    }`;
    const message = consumed(value, { "content-type": "application/cloudevents+json; charset=UTF-8" });
    expect(fromKafkaMessage(message, contracts)).toEqual(event);
  });

  it("matches the structured media type case-insensitively, with or without parameters", () => {
    for (const contentType of [
      "application/cloudevents+json",
      "Application/CloudEvents+JSON;charset=utf-8",
    ]) {
      expect(
        fromKafkaMessage(consumed(JSON.stringify(event), { "content-type": contentType }), contracts),
      ).toEqual(event);
    }
  });

  it("reads a binary-mode message: attributes in ce_ headers, the data alone in the value", () => {
    const message = consumed(JSON.stringify(institution), binaryHeaders);
    expect(kafkaContentMode(message)).toBe("binary");
    expect(fromKafkaMessage(message, contracts)).toEqual(event);
  });

  it("reads a legacy message of the relay before the binding: JSON envelope, ce- headers", () => {
    const message = consumed(JSON.stringify(event), legacyHeaders);
    expect(kafkaContentMode(message)).toBe("legacy");
    expect(fromKafkaMessage(message, contracts)).toEqual(event);
  });

  it("refuses a legacy message whose headers contradict its envelope", () => {
    const message = consumed(JSON.stringify(event), {
      ...legacyHeaders,
      "ce-type": "partnerships.agreement.terminated.v1",
    });
    expect(refusal(message)).toMatch(/headers contradict the envelope.*ce-type/);
  });

  it("refuses a message that says nothing about CloudEvents, even when its value is an envelope", () => {
    expect(kafkaContentMode(consumed(JSON.stringify(event), {}))).toBeUndefined();
    expect(refusal(consumed(JSON.stringify(event), {}))).toMatch(/not a CloudEvent/);
    expect(refusal(consumed(JSON.stringify(event), { "content-type": "application/json" }))).toMatch(
      /not a CloudEvent/,
    );
  });

  it("refuses a structured message whose value is not JSON", () => {
    expect(refusal(structured("{not json at all"))).toMatch(/message is not JSON/);
  });

  it("refuses a structured message in an event format other than JSON", () => {
    const message = consumed(JSON.stringify(event), { "content-type": "application/cloudevents+avro" });
    expect(refusal(message)).toMatch(/unsupported CloudEvents format/);
  });

  it("refuses a structured message whose envelope or data breaks the contract, naming the field", () => {
    const broken = { ...event, data: { ...institution, countryCode: "Italy" } };
    expect(refusal(structured(JSON.stringify(broken)))).toMatch(
      /invalid data for partnerships\.institution\.created\.v1.*countryCode/,
    );
    const unknown = { ...event, type: "partnerships.institution.renamed.v1" };
    expect(refusal(structured(JSON.stringify(unknown)))).toMatch(/unknown event type/);
  });

  it("refuses a binary message missing an attribute, with unparsable data, with non-JSON data or with no data", () => {
    const { ce_id: _id, ...withoutId } = binaryHeaders;
    expect(refusal(consumed(JSON.stringify(institution), withoutId))).toMatch(/invalid envelope.*id/);
    expect(refusal(consumed("<institution/>", binaryHeaders))).toMatch(/data is not JSON/);
    expect(
      refusal(consumed("<institution/>", { ...binaryHeaders, "content-type": "application/xml" })),
    ).toMatch(/unsupported data content type/);
    expect(refusal(consumed(null, binaryHeaders))).toMatch(/invalid envelope.*data/);
  });

  it("refuses a message with a repeated CloudEvents header", () => {
    const message = consumed(JSON.stringify(event), {
      "content-type": [CLOUDEVENTS_JSON_CONTENT_TYPE, "text/plain"],
    });
    expect(refusal(message)).toMatch(/content-type appears 2 times/);
  });
});
