import { describe, expect, it } from "vitest";
import type { JsonSchemaDocument } from "./event-schema.ts";
import { schemaIncompatibilities } from "./schema-compatibility.ts";

/** A published event schema: an envelope whose data has a few fields. */
function published(): JsonSchemaDocument {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "sample.thing.happened.v1",
    type: "object",
    properties: {
      id: { type: "string", minLength: 1 },
      data: {
        type: "object",
        properties: {
          thingId: { type: "string", minLength: 1, description: "the thing" },
          kind: { type: "string", enum: ["A", "B"] },
          seats: { type: "integer", minimum: 0 },
          note: { type: ["string", "null"] },
          tags: { type: "array", items: { type: "string" } },
        },
        required: ["thingId", "kind", "seats"],
      },
    },
    required: ["id", "data"],
  };
}

type ObjectSchema = JsonSchemaDocument & {
  properties: Record<string, JsonSchemaDocument>;
  required: string[];
};

/** The published schema after `change` edits its data schema. */
function withData(change: (data: ObjectSchema) => void): JsonSchemaDocument {
  const schema = published() as ObjectSchema;
  change(schema.properties.data as ObjectSchema);
  return schema;
}

describe("changing the schema of a published event type version", () => {
  it("accepts the same schema", () => {
    expect(schemaIncompatibilities(published(), published())).toEqual([]);
  });

  it("accepts a new optional field", () => {
    const next = withData((data) => {
      data.properties.room = { type: "string" };
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([]);
  });

  it("accepts a reworded description or title", () => {
    const next = withData((data) => {
      data.properties.thingId = {
        ...data.properties.thingId,
        description: "id of the thing, as the producer knows it",
      };
    });
    next.title = "Sample: a thing happened";
    expect(schemaIncompatibilities(published(), next)).toEqual([]);
  });

  it("refuses removing a field, required or optional", () => {
    const next = withData((data) => {
      delete data.properties.seats;
      delete data.properties.note;
      data.required = ["thingId", "kind"];
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([
      "data.seats: field removed",
      "data.note: field removed",
    ]);
  });

  it("refuses making an optional field required", () => {
    const next = withData((data) => {
      data.required.push("note");
    });
    expect(schemaIncompatibilities(published(), next)).toEqual(["data.note: optional field became required"]);
  });

  it("refuses making a required field optional", () => {
    const next = withData((data) => {
      data.required = ["thingId", "kind"];
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([
      "data.seats: required field became optional",
    ]);
  });

  it("refuses a new required field", () => {
    const next = withData((data) => {
      data.properties.room = { type: "string" };
      data.required.push("room");
    });
    expect(schemaIncompatibilities(published(), next)).toEqual(["data.room: new required field"]);
  });

  it("refuses changing a field's type, including its nullability and the type of list items", () => {
    const next = withData((data) => {
      data.properties.seats = { type: "string" };
      data.properties.note = { type: "string" };
      data.properties.tags = { type: "array", items: { type: "integer" } };
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([
      "data.seats: type changed from integer to string",
      "data.seats: minimum changed from 0 to (none)",
      "data.note: type changed from null or string to string",
      "data.tags[items]: type changed from string to integer",
    ]);
  });

  it("refuses narrowing an enum", () => {
    const next = withData((data) => {
      data.properties.kind = { type: "string", enum: ["A"] };
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([
      'data.kind: enum narrowed, no longer allows "B"',
    ]);
  });

  it("refuses widening an enum, whose new values readers of the published version would refuse", () => {
    const next = withData((data) => {
      data.properties.kind = { type: "string", enum: ["A", "B", "C"] };
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([
      'data.kind: enum widened, readers of the published version refuse "C"',
    ]);
  });

  it("refuses changing a constraint either way", () => {
    const next = withData((data) => {
      data.properties.seats = { type: "integer", minimum: 1 };
      data.properties.thingId = { type: "string", description: "the thing" };
    });
    expect(schemaIncompatibilities(published(), next)).toEqual([
      "data.thingId: minLength changed from 1 to (none)",
      "data.seats: minimum changed from 0 to 1",
    ]);
  });
});
