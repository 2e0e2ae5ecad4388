import { requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { paginateLean, sortDirection } from "@intl/mongo";
import type { Model } from "mongoose";
import { restrictToPartner } from "../domain/personalData.ts";

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export type SortArg<Field extends string> = { field: Field; direction: "ASC" | "DESC" } | null | undefined;

export function sortOrder<Field extends string>(
  sort: SortArg<Field>,
  fields: Record<Field, string>,
  fallback: { field: string; direction: 1 | -1 },
) {
  if (!sort) return fallback;
  return { field: fields[sort.field], direction: sortDirection(sort.direction) };
}

/** Drops unset filter entries (GraphQL gives null for omitted input fields). */
export function definedEntries(filter: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined),
  );
}

/**
 * The two reads of a student-related collection keyed by institution (applications, mobilities):
 * a page in `sort` order (`latestFirst` descending by default), and a student's latest 100. A
 * partner sees only its own institution's documents.
 */
export function partnerScopedListing<TRecord, Field extends string>(
  model: Model<TRecord>,
  options: { sortFields: Record<Field, string>; latestFirst: string },
) {
  const { sortFields, latestFirst } = options;
  return {
    list(viewer: Viewer, filter: object | null | undefined, sort: SortArg<Field>, page: PageArgs) {
      requireSignedIn(viewer);
      const query = restrictToPartner(
        viewer,
        definedEntries(filter as Record<string, unknown>),
        "institutionId",
      );
      return paginateLean(model, {
        filter: query,
        sort: sortOrder(sort, sortFields, { field: latestFirst, direction: -1 }),
        first: page.first,
        after: page.after,
      });
    },
    ofStudent(viewer: Viewer, studentId: string): Promise<TRecord[]> {
      const filter = restrictToPartner(viewer, { studentId }, "institutionId");
      return model
        .find(filter)
        .sort({ [latestFirst]: -1, _id: -1 })
        .limit(100)
        .lean<TRecord[]>()
        .exec();
    },
  };
}
