/**
 * Writes docs/events.md and docs/event-schemas/<type>.json from the event contracts:
 *   npx tsx shared/events/src/generate-catalogue.ts
 * Refuses, writing nothing, when a published type version's schema would change
 * incompatibly: the checked-in schemas are the baseline of what readers rely on.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { eventCatalogue } from "./catalogue.ts";
import { EVENT_SCHEMAS_DIR, renderEventCatalogue } from "./catalogue-doc.ts";
import { eventJsonSchema } from "./event-schema.ts";
import type { JsonSchemaDocument } from "./event-schema.ts";
import { schemaIncompatibilities } from "./schema-compatibility.ts";

export const catalogueDocPath = fileURLToPath(new URL("../../../docs/events.md", import.meta.url));
export const eventSchemasPath = fileURLToPath(
  new URL(`../../../docs/${EVENT_SCHEMAS_DIR}/`, import.meta.url),
);

/** The catalogue as checked in: rendered, then formatted like the rest of the repository, so `npm run format` leaves it alone. */
export async function catalogueMarkdown(): Promise<string> {
  const options = (await prettier.resolveConfig(catalogueDocPath)) ?? {};
  return prettier.format(renderEventCatalogue(eventCatalogue), { ...options, parser: "markdown" });
}

/** Each event type's schema file (`<type>.json` → its text), formatted like the rest of the repository. */
export async function eventSchemaFiles(): Promise<Map<string, string>> {
  const options = (await prettier.resolveConfig(catalogueDocPath)) ?? {};
  const files = new Map<string, string>();
  for (const contract of Object.values(eventCatalogue).flat()) {
    const text = JSON.stringify(eventJsonSchema(contract), null, 2);
    files.set(`${contract.type}.json`, await prettier.format(text, { ...options, parser: "json" }));
  }
  return files;
}

/** The schema files checked in under docs/event-schemas/ (`<type>.json` → its text). */
export function checkedInSchemaFiles(): Map<string, string> {
  if (!existsSync(eventSchemasPath)) return new Map();
  return new Map(
    readdirSync(eventSchemasPath)
      .filter((name) => name.endsWith(".json"))
      .map((name) => [name, readFileSync(join(eventSchemasPath, name), "utf8")]),
  );
}

/** Why the generated schemas may not replace the checked-in ones, one line per change; empty when they may. */
export function incompatibleSchemaChanges(
  checkedIn: Map<string, string>,
  generated: Map<string, string>,
): string[] {
  return [...checkedIn].flatMap(([name, published]) => {
    const next = generated.get(name);
    if (next === undefined) return [];
    const type = name.replace(/\.json$/, "");
    return schemaIncompatibilities(
      JSON.parse(published) as JsonSchemaDocument,
      JSON.parse(next) as JsonSchemaDocument,
    ).map((problem) => `${type}: ${problem}`);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const checkedIn = checkedInSchemaFiles();
  const generated = await eventSchemaFiles();
  const incompatible = incompatibleSchemaChanges(checkedIn, generated);
  if (incompatible.length > 0) {
    console.error(
      [
        "Refusing to regenerate: published event types would change incompatibly.",
        ...incompatible.map((problem) => `  ${problem}`),
        "Keep the published contract and declare the change as a new version (`.v<N+1>`) of the type.",
      ].join("\n"),
    );
    process.exit(1);
  }
  writeFileSync(catalogueDocPath, await catalogueMarkdown());
  mkdirSync(eventSchemasPath, { recursive: true });
  for (const [name, text] of generated) writeFileSync(join(eventSchemasPath, name), text);
  console.log(`wrote ${catalogueDocPath} and ${generated.size} schemas in ${eventSchemasPath}`);
  const retired = [...checkedIn.keys()].filter((name) => !generated.has(name));
  if (retired.length > 0) {
    console.error(
      `no contract any more for ${retired.join(", ")}: remove a retired version's schema by hand`,
    );
    process.exit(1);
  }
}
