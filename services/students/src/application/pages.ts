import type { HydratedDocument } from "mongoose";
import type { PageConnection } from "@intl/mongo";

/** A page of hydrated documents as plain records, like every other read of the service. */
export function plainPage<T>(page: PageConnection<HydratedDocument<T>>): PageConnection<T> {
  return { ...page, nodes: page.nodes.map((node) => node.toObject() as T) };
}

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
  return { field: fields[sort.field], direction: sort.direction === "ASC" ? (1 as const) : (-1 as const) };
}

/** Drops unset filter entries (GraphQL gives null for omitted input fields). */
export function definedEntries(filter: Record<string, unknown> | null | undefined): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined),
  );
}
