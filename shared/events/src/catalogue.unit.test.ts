import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { eventCatalogue } from "./catalogue.ts";
import { REGENERATE_CATALOGUE_COMMAND, renderEventCatalogue } from "./catalogue-doc.ts";
import { defineEvent } from "./envelope.ts";
import { catalogueDocPath, catalogueMarkdown } from "./generate-catalogue.ts";

describe("the event catalogue (docs/events.md)", () => {
  it("is up to date with the contracts", async () => {
    const checkedIn = readFileSync(catalogueDocPath, "utf8");
    const current = await catalogueMarkdown();
    if (checkedIn !== current) {
      expect.fail(
        `docs/events.md is stale: the event contracts changed. Regenerate it with:\n  ${REGENERATE_CATALOGUE_COMMAND}`,
      );
    }
  });

  it("lists every topic and every event type", () => {
    const doc = renderEventCatalogue(eventCatalogue);
    for (const contract of Object.values(eventCatalogue).flat()) {
      expect(doc).toContain(`#### \`${contract.type}\``);
      expect(doc).toContain(`### Topic \`${contract.topic}\``);
      expect(doc).toContain(contract.description);
    }
  });

  it("describes each data field with its type and whether it is required", () => {
    const sample = defineEvent({
      type: "sample.thing.happened.v1",
      topic: "sample.thing",
      description: "Something happened.",
      data: z.object({
        thingId: z.string().min(1),
        year: z.string().regex(/^\d{4}-\d{4}$/),
        kind: z.enum(["A", "B"]),
        seats: z.number().int().min(0),
        note: z.string().nullable(),
        tags: z.array(z.string()).optional(),
        place: z.object({ city: z.string(), countryCode: z.string().regex(/^[A-Z]{2}$/) }),
        at: z.iso.datetime({ offset: true }),
      }),
    });
    const doc = renderEventCatalogue({ sample: [sample] });
    expect(doc).toContain("| `thingId` | non-empty string | yes |");
    expect(doc).toContain("| `year` | academic year (`2025-2026`) | yes |");
    expect(doc).toContain("| `kind` | one of `A`, `B` | yes |");
    expect(doc).toContain("| `seats` | integer ≥ 0 | yes |");
    expect(doc).toContain("| `note` | string, or null | yes |");
    expect(doc).toContain("| `tags` | list of string | no |");
    expect(doc).toContain("| `place.countryCode` | ISO 3166-1 alpha-2 country code | yes |");
    expect(doc).toContain("| `at` | date-time (ISO 8601 with offset) | yes |");
    expect(doc).toContain("| `sample.thing` | sample | `sample.thing.happened.v1` |");
  });
});
