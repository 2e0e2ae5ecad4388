import { z } from "zod";
import type { EventContract } from "./envelope.ts";
import { envelopeAttributeMeanings } from "./event-schema.ts";
import { CLOUDEVENTS_JSON_CONTENT_TYPE } from "./kafka-binding.ts";
import { academicYear, countryCode } from "./vocabulary.ts";

/** The command that rewrites docs/events.md; the staleness test names it. */
export const REGENERATE_CATALOGUE_COMMAND = "npx tsx shared/events/src/generate-catalogue.ts";

/** Where the JSON Schemas of the event types live, relative to docs/. */
export const EVENT_SCHEMAS_DIR = "event-schemas";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  description?: string;
};

interface FieldRow {
  path: string;
  type: string;
  required: boolean;
  description: string;
}

const code = (text: string) => "`" + text.replaceAll("|", "\\|") + "`";

const formats: Record<string, string> = {
  "date-time": "date-time (ISO 8601 with offset)",
  date: "date (`YYYY-MM-DD`)",
};

/** Vocabulary strings are named rather than shown as their bare pattern. */
const vocabularyByPattern = new Map<string, string>([
  [
    (z.toJSONSchema(academicYear, { io: "input" }) as JsonSchema).pattern ?? "",
    "academic year (`2025-2026`)",
  ],
  [
    (z.toJSONSchema(countryCode, { io: "input" }) as JsonSchema).pattern ?? "",
    "ISO 3166-1 alpha-2 country code",
  ],
]);

function withoutNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.type) && schema.type.includes("null")) {
    const rest = schema.type.filter((type) => type !== "null");
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  if (schema.anyOf) {
    const rest = schema.anyOf.filter((option) => option.type !== "null");
    if (rest.length < schema.anyOf.length && rest.length === 1 && rest[0])
      return { schema: rest[0], nullable: true };
  }
  return { schema, nullable: false };
}

function bounds(schema: JsonSchema): string {
  const min = schema.minimum;
  const max =
    schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER ? schema.maximum : undefined;
  if (min !== undefined && max !== undefined) return ` ${min}–${max}`;
  if (min !== undefined) return ` ≥ ${min}`;
  if (max !== undefined) return ` ≤ ${max}`;
  return "";
}

function describeType(raw: JsonSchema): string {
  const { schema, nullable } = withoutNull(raw);
  let text: string;
  if (schema.enum) text = `one of ${schema.enum.map((value) => code(String(value))).join(", ")}`;
  else if (schema.anyOf) text = schema.anyOf.map(describeType).join(" or ");
  else if (schema.type === "string") {
    if (schema.format && formats[schema.format]) text = formats[schema.format] as string;
    else if (schema.pattern)
      text = vocabularyByPattern.get(schema.pattern) ?? `string matching ${code(schema.pattern)}`;
    else text = schema.minLength ? "non-empty string" : "string";
  } else if (schema.type === "integer" || schema.type === "number") text = `${schema.type}${bounds(schema)}`;
  else if (schema.type === "array") text = `list of ${schema.items ? describeType(schema.items) : "values"}`;
  else if (schema.type === "object") {
    text =
      schema.additionalProperties && typeof schema.additionalProperties === "object"
        ? `map of string to ${describeType(schema.additionalProperties)}`
        : "object";
  } else text = Array.isArray(schema.type) ? schema.type.join(" or ") : (schema.type ?? "any JSON value");
  return nullable ? `${text}, or null` : text;
}

/** One row per field, nested object fields as dotted paths (`identifiers.ror`). */
function fieldRows(schema: JsonSchema, prefix = ""): FieldRow[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, raw]) => {
    const path = prefix + name;
    const inner = withoutNull(raw).schema;
    const row = {
      path,
      type: describeType(raw),
      required: required.has(name),
      description: raw.description ?? "",
    };
    return inner.type === "object" && inner.properties ? [row, ...fieldRows(inner, `${path}.`)] : [row];
  });
}

function renderContract(contract: EventContract): string[] {
  const schema = z.toJSONSchema(contract.data, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rows = fieldRows(schema);
  const lines = [
    `#### ${code(contract.type)}`,
    "",
    contract.description,
    "",
    `Schema: [${code(`${EVENT_SCHEMAS_DIR}/${contract.type}.json`)}](${EVENT_SCHEMAS_DIR}/${contract.type}.json)`,
    "",
  ];
  if (rows.length === 0) return [...lines, `Data: ${describeType(schema)}.`, ""];
  lines.push("| Field | Type | Required |", "| --- | --- | --- |");
  for (const row of rows) {
    const note = row.description ? ` — ${row.description}` : "";
    lines.push(`| ${code(row.path)} | ${row.type}${note} | ${row.required ? "yes" : "no"} |`);
  }
  return [...lines, ""];
}

/**
 * Renders the event catalogue (docs/events.md) from the contracts: topics,
 * event types, descriptions and data fields. Deterministic, so a test can tell
 * when the checked-in file is stale.
 */
export function renderEventCatalogue(catalogue: Record<string, readonly EventContract[]>): string {
  const lines = [
    "# Event catalogue",
    "",
    `<!-- Generated (with docs/event-schemas/) from shared/events/src/contracts by \`${REGENERATE_CATALOGUE_COMMAND}\`. Do not edit by hand. -->`,
    "",
    "## Reading these events from another system",
    "",
    "Every message follows the [CloudEvents Kafka protocol binding](https://github.com/cloudevents/spec/blob/main/cloudevents/bindings/kafka-protocol-binding.md)",
    "in **structured mode**, so a conforming CloudEvents reader reads it, and so does plain JSON parsing:",
    "",
    `- header \`content-type: ${CLOUDEVENTS_JSON_CONTENT_TYPE}\`;`,
    "- value: the whole event in the CloudEvents JSON format (UTF-8), attributes and `data` together;",
    "- key: the event's `subject`, the id of the aggregate, so one aggregate's events stay in order on one partition;",
    "- other headers are transport concerns (for example W3C `traceparent`), never event attributes: there are no `ce_` headers.",
    "",
    "Structured mode because the envelope already is a CloudEvent: the value is a self-contained document",
    "that can be stored, forwarded or dead-lettered as is, and the headers stay free for transport concerns.",
    "Messages written before this binding carry the same JSON value with `content-type: application/json`",
    "and `ce-id`/`ce-type` headers; readers of this project accept those too, and binary mode (`ce_` headers,",
    "data alone in the value) as well (`fromKafkaMessage` in `shared/events/src/kafka-binding.ts`).",
    "",
    `Each event type has a JSON Schema (draft 2020-12) of its whole envelope with its \`data\` in [\`docs/${EVENT_SCHEMAS_DIR}/\`](${EVENT_SCHEMAS_DIR}/),`,
    "one file per type and version (`<type>.json`), generated from the same contracts as this page.",
    "A published version only ever changes compatibly: a new optional field, a better description.",
    "Readers should ignore fields they do not know. Removing or retyping a field, making one required or optional,",
    "changing an enum or a constraint is a new version (`….v2`) on the same topic, and a test refuses the edit.",
    "A few rules cannot be said in JSON Schema (an academic year's two years are consecutive): the contracts in",
    "`shared/events/src/contracts/` remain the reference, and this project's readers dead-letter what breaks them.",
    "",
    "## The envelope",
    "",
    "| Attribute | Meaning |",
    "| --- | --- |",
    ...Object.entries(envelopeAttributeMeanings).map(
      ([attribute, meaning]) => `| ${code(attribute)} | ${meaning} |`,
    ),
    "",
    "`sequence` is this project's extension attribute, an integer (the CloudEvents sequence extension would be a string).",
    "",
    "Topics: one per aggregate, named below; a deployment may prefix them (`<prefix>.<topic>`).",
    "Each consumer group has a dead-letter topic `<prefix>.dlq.<groupId>` for messages it could not validate or handle.",
    "",
    "## Topics",
    "",
    "| Topic | Producer | Event types |",
    "| --- | --- | --- |",
  ];
  for (const [service, contracts] of Object.entries(catalogue)) {
    for (const topic of [...new Set(contracts.map((contract) => contract.topic))]) {
      const types = contracts
        .filter((contract) => contract.topic === topic)
        .map((contract) => code(contract.type));
      lines.push(`| ${code(topic)} | ${service} | ${types.join("<br>")} |`);
    }
  }
  lines.push("");
  for (const [service, contracts] of Object.entries(catalogue)) {
    lines.push(`## Published by ${service}`, "");
    for (const topic of [...new Set(contracts.map((contract) => contract.topic))]) {
      lines.push(`### Topic ${code(topic)}`, "");
      for (const contract of contracts.filter((candidate) => candidate.topic === topic))
        lines.push(...renderContract(contract));
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
