import { describe, expect, it } from "vitest";
import { z } from "zod";
import { REGENERATE_CATALOGUE_COMMAND } from "./catalogue-doc.ts";
import { institutionCreated } from "./contracts/partnerships.ts";
import { createEvent, defineEvent } from "./envelope.ts";
import { eventJsonSchema } from "./event-schema.ts";
import { checkedInSchemaFiles, eventSchemaFiles, incompatibleSchemaChanges } from "./generate-catalogue.ts";

describe("the event schemas (docs/event-schemas/)", () => {
  it("keep every published type version compatible with its checked-in schema", async () => {
    const incompatible = incompatibleSchemaChanges(checkedInSchemaFiles(), await eventSchemaFiles());
    if (incompatible.length > 0) {
      expect.fail(
        [
          "Published event types changed incompatibly; keep them and declare a new version (.v<N+1>) instead:",
          ...incompatible,
        ].join("\n  "),
      );
    }
  });

  it("are up to date with the contracts, one file per event type", async () => {
    const checkedIn = checkedInSchemaFiles();
    const generated = await eventSchemaFiles();
    const stale = [...generated].filter(([name, text]) => checkedIn.get(name) !== text).map(([name]) => name);
    const retired = [...checkedIn.keys()].filter((name) => !generated.has(name));
    if (stale.length + retired.length > 0) {
      expect.fail(
        `docs/event-schemas is stale (${[...stale, ...retired].join(", ")}). Regenerate it with:\n  ${REGENERATE_CATALOGUE_COMMAND}` +
          (retired.length > 0 ? "\nand remove the schemas of retired types by hand." : ""),
      );
    }
  });

  it("describe the whole envelope, with the contract's type and data", () => {
    const sample = defineEvent({
      type: "sample.thing.happened.v1",
      topic: "sample.thing",
      description: "Something happened.",
      data: z.object({ thingId: z.string().min(1), note: z.string().optional() }),
    });
    const schema = eventJsonSchema(sample) as {
      title: string;
      required: string[];
      properties: Record<string, { const?: string; description?: string; required?: string[] }>;
    };
    expect(schema.title).toBe("sample.thing.happened.v1");
    expect(schema.required).toEqual(
      expect.arrayContaining(["specversion", "id", "type", "source", "subject"]),
    );
    expect(schema.properties.type?.const).toBe("sample.thing.happened.v1");
    expect(schema.properties.subject?.description).toMatch(/Kafka message key/);
    expect(schema.properties.data?.required).toEqual(["thingId"]);
  });

  it("accept a real event of the type", () => {
    const event = createEvent(institutionCreated, {
      id: "evt-1",
      source: "/services/partnerships",
      subject: "inst-polimi",
      time: new Date("2025-01-15T09:30:00Z"),
      sequence: 1,
      data: {
        institutionId: "inst-polimi",
        name: "Politecnico di Milano",
        countryCode: "IT",
        city: null,
        identifiers: { schac: null, erasmus: null, pic: null, ror: null },
      },
    });
    // Round trip: zod reads its own JSON Schema back, so the schema accepts what the producer writes.
    const schema = z.fromJSONSchema(eventJsonSchema(institutionCreated) as never);
    expect(schema.safeParse(event).success).toBe(true);
    expect(schema.safeParse({ ...event, type: "partnerships.institution.updated.v1" }).success).toBe(false);
  });
});
