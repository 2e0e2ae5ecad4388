/**
 * A closed list of names used as values (GraphQL enums, stored states):
 * `enumOf("OPEN", "CLOSED")` is `{ OPEN: "OPEN", CLOSED: "CLOSED" }`, so code reads
 * `Status.OPEN` while each name is written once instead of as both key and value.
 */
export function enumOf<const V extends string>(...values: V[]): { readonly [K in V]: K } {
  return Object.fromEntries(values.map((value) => [value, value])) as { readonly [K in V]: K };
}

/** The union of an `enumOf` object's values: `EnumValue<typeof Status>` is `"OPEN" | "CLOSED"`. */
export type EnumValue<E> = E[keyof E];
