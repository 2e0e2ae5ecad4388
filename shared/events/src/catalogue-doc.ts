import { z } from "zod";
import type { EventContract } from "./envelope.ts";
import { academicYear, countryCode } from "./vocabulary.ts";

/** The command that rewrites docs/events.md; the staleness test names it. */
export const REGENERATE_CATALOGUE_COMMAND = "npx tsx shared/events/src/generate-catalogue.ts";

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
  const lines = [`#### ${code(contract.type)}`, "", contract.description, ""];
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
    `<!-- Generated from shared/events/src/contracts by \`${REGENERATE_CATALOGUE_COMMAND}\`. Do not edit by hand. -->`,
    "",
    "Every event travels in the same CloudEvents-style envelope (`shared/events/src/envelope.ts`):",
    "",
    "| Envelope field | Meaning |",
    "| --- | --- |",
    "| `specversion` | always `1.0` |",
    "| `id` | unique event id; consumers deduplicate on it |",
    "| `type` | the contract, versioned: `<service>.<aggregate>.<fact>.v<N>`; a breaking change is a new version |",
    "| `source` | the producing service (`/services/partnerships`) |",
    "| `subject` | id of the aggregate the event is about; also the Kafka message key |",
    "| `time` | when it happened (ISO 8601 with offset) |",
    "| `datacontenttype` | always `application/json` |",
    "| `sequence` | version of the subject aggregate after this event; read models apply only newer sequences |",
    "| `data` | the contract's data, below |",
    "",
    "Topics: one per aggregate, named below; a deployment may prefix them (`<prefix>.<topic>`).",
    "Messages are keyed by `subject`, so one aggregate's events stay in order on one partition.",
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
