import type DataLoader from "dataloader";
import { createByIdLoader } from "@intl/subgraph";
import type { BaseContext } from "@intl/subgraph";
import type { ResearchApp } from "../application/researchApp.ts";
import type { FacultyState } from "../domain/faculty.ts";
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

/** ISO 8601 for a stored instant; GraphQL's String would print a Date as a number. */
export function isoInstant(value: Date | null | undefined): string | null {
  return value ? value.toISOString() : null;
}
