import { Role } from "./roles.ts";
import type { Viewer } from "./viewer.ts";

/** Under this many people, an aggregate shown to a suppressed role says "<5", not the number. */
export const SMALL_COUNT_THRESHOLD = 5;

/** What a suppressed count shows. */
export const SUPPRESSED_COUNT = `<${SMALL_COUNT_THRESHOLD}`;

/** Roles that read aggregates of people with small counts hidden (ADMIN and the office see them). */
const suppressedRoles: ReadonlySet<Role> = new Set([Role.ANALYST]);

/**
 * A count of people as one viewer may see it: `value` null and `shown` "<5" when it is under 5
 * and the viewer is an ANALYST (a country with 3 students could name them); otherwise the number.
 * Zero is shown: it names nobody.
 */
export interface ShownCount {
  value: number | null;
  shown: string;
}

export function shownCount(viewer: Viewer, count: number): ShownCount {
  const hidden =
    viewer.authenticated && suppressedRoles.has(viewer.role) && count > 0 && count < SMALL_COUNT_THRESHOLD;
  return hidden ? { value: null, shown: SUPPRESSED_COUNT } : { value: count, shown: String(count) };
}

/** A resolver of a count of people: the parent, any arguments, a context carrying the viewer. */
type CountResolver<P, R> = (parent: P, args: unknown, context: { viewer: Viewer }) => R;

/**
 * The two fields of each named count of people in a GraphQL type: `<name>` (null when hidden) and
 * `<name>Shown` ("<5" or the number), both through `shownCount`; the parent holds the exact count.
 */
export function shownCountFields<P extends Record<N, number>, N extends string>(
  ...names: N[]
): Record<N, CountResolver<P, number | null>> & Record<`${N}Shown`, CountResolver<P, string>> {
  const fields: Record<string, CountResolver<P, number | string | null>> = {};
  for (const name of names) {
    fields[name] = (parent, _args, { viewer }) => shownCount(viewer, parent[name]).value;
    fields[`${name}Shown`] = (parent, _args, { viewer }) => shownCount(viewer, parent[name]).shown;
  }
  return fields as Record<N, CountResolver<P, number | null>> & Record<`${N}Shown`, CountResolver<P, string>>;
}
