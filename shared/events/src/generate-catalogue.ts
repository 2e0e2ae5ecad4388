/**
 * Writes docs/events.md from the event contracts:
 *   npx tsx shared/events/src/generate-catalogue.ts
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { eventCatalogue } from "./catalogue.ts";
import { renderEventCatalogue } from "./catalogue-doc.ts";

export const catalogueDocPath = fileURLToPath(new URL("../../../docs/events.md", import.meta.url));

/** The catalogue as checked in: rendered, then formatted like the rest of the repository, so `npm run format` leaves it alone. */
export async function catalogueMarkdown(): Promise<string> {
  const options = (await prettier.resolveConfig(catalogueDocPath)) ?? {};
  return prettier.format(renderEventCatalogue(eventCatalogue), { ...options, parser: "markdown" });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(catalogueDocPath, await catalogueMarkdown());
  console.log(`wrote ${catalogueDocPath}`);
}
