import { sortDirection } from "@intl/mongo";

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
