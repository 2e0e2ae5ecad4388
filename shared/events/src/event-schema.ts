import { z } from "zod";
import type { EventContract } from "./envelope.ts";
import { envelopeSchema } from "./envelope.ts";

/** A JSON Schema document, as plain JSON. */
export type JsonSchemaDocument = Record<string, unknown>;

/**
 * What each envelope attribute means: the catalogue's envelope table and the
 * descriptions in every event's JSON Schema.
 */
export const envelopeAttributeMeanings: Record<keyof z.infer<typeof envelopeSchema>, string> = {
  specversion: "always `1.0`",
  id: "unique event id; consumers deduplicate on it",
  type: "the contract, versioned: `<service>.<aggregate>.<fact>.v<N>`; a breaking change is a new version",
  source: "the producing service (`/services/partnerships`)",
  subject: "id of the aggregate the event is about; also the Kafka message key",
  time: "when it happened (ISO 8601 with offset)",
  datacontenttype: "always `application/json`",
  sequence:
    "version of the subject aggregate after this event (an integer, 1, 2, 3...); read models apply only newer sequences",
  data: "the contract's data",
};

/**
 * The JSON Schema (draft 2020-12) of one event type: the whole CloudEvents
 * envelope, `type` fixed to the contract's, `data` the contract's data. It
 * describes what readers accept (zod's input side): objects stay open, so a field
 * added later as optional does not make older messages or readers invalid.
 */
export function eventJsonSchema(contract: EventContract): JsonSchemaDocument {
  const envelope = envelopeSchema.extend({ type: z.literal(contract.type), data: contract.data });
  const schema = z.toJSONSchema(envelope, { io: "input", unrepresentable: "any" }) as JsonSchemaDocument & {
    properties: Record<string, JsonSchemaDocument>;
  };
  for (const [attribute, meaning] of Object.entries(envelopeAttributeMeanings)) {
    const property = schema.properties[attribute];
    if (property) schema.properties[attribute] = { description: meaning, ...property };
  }
  const { $schema, ...rest } = schema;
  return {
    $schema,
    title: contract.type,
    description: `${contract.description} Published on topic \`${contract.topic}\` (before any deployment prefix).`,
    ...rest,
  };
}
