/** Instants travel as ISO date-times. */
export function isoInstant(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** A reference to an entity another subgraph owns (the gateway resolves the rest). */
export function reference(id: string | null | undefined): { id: string } | null {
  return id ? { id } : null;
}
