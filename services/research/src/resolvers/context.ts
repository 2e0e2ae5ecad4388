import type DataLoader from "dataloader";
import { createByIdLoader } from "@intl/subgraph";
import type { BaseContext } from "@intl/subgraph";
import type { ResearchApp } from "../application/researchApp.ts";
import { ResearchReason } from "../domain/errors.ts";
import type { FacultyState } from "../domain/faculty.ts";
import { notFound } from "../domain/missingReferences.ts";
import type { ResearchCentreState } from "../domain/researchCentre.ts";

/** What every research resolver gets: the base context, the operations, and this request's loaders. */
export interface ResearchContext extends BaseContext {
  app: ResearchApp;
  loaders: {
    faculty: DataLoader<string, FacultyState | null>;
    centre: DataLoader<string, ResearchCentreState | null>;
  };
}

export function buildResearchContext(base: BaseContext, app: ResearchApp): ResearchContext {
  return {
    ...base,
    app,
    loaders: {
      faculty: createByIdLoader((ids) => app.findFaculty(ids)),
      centre: createByIdLoader((ids) => app.findCentres(ids)),
    },
  };
}

/**
 * The centre or faculty member a stored document points to, for a non-null field. Every such id
 * was checked when the document was written, and centres and faculty are never deleted: a miss is
 * a broken invariant, answered with a coded NOT_FOUND rather than a null the schema forbids.
 */
export async function referencedCentre(
  context: { loaders: Pick<ResearchContext["loaders"], "centre"> },
  id: string,
): Promise<ResearchCentreState> {
  const centre = await context.loaders.centre.load(id);
  if (!centre) throw notFound(ResearchReason.UNKNOWN_CENTRE, "research centre", id);
  return centre;
}

export async function referencedFaculty(
  context: { loaders: Pick<ResearchContext["loaders"], "faculty"> },
  id: string,
): Promise<FacultyState> {
  const faculty = await context.loaders.faculty.load(id);
  if (!faculty) throw notFound(ResearchReason.UNKNOWN_FACULTY, "faculty member", id);
  return faculty;
}

/** ISO 8601 for a stored instant; GraphQL's String would print a Date as a number. */
export function isoInstant(value: Date): string;
export function isoInstant(value: Date | null | undefined): string | null;
export function isoInstant(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
