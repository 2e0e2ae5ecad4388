import type { CollaborationType } from "./vocabulary.ts";

/** What the statistics need of one collaboration. */
export interface CollaborationFacts {
  type: CollaborationType;
  centreId: string;
  institutionIds: string[];
}

export interface CollaborationStats {
  total: number;
  byCountry: { countryCode: string; count: number }[];
  byType: { type: CollaborationType; count: number }[];
  byCentre: { centreId: string; count: number }[];
}

function tally<K>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

function sorted<K>(counts: Map<K, number>): [K, number][] {
  // Largest first, then by key, so the answer is stable.
  return [...counts].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0])));
}

/**
 * Counts collaborations by type, by centre and by country of their partner
 * institutions. A collaboration counts once in each country it involves, however
 * many of its institutions are there; company-only collaborations have no country.
 */
export function collaborationStats(
  collaborations: Iterable<CollaborationFacts>,
  countryOf: (institutionId: string) => string | undefined,
): CollaborationStats {
  let total = 0;
  const byCountry = new Map<string, number>();
  const byType = new Map<CollaborationType, number>();
  const byCentre = new Map<string, number>();
  for (const collaboration of collaborations) {
    total += 1;
    tally(byType, collaboration.type);
    tally(byCentre, collaboration.centreId);
    const countries = new Set(
      collaboration.institutionIds.map(countryOf).filter((c): c is string => c !== undefined),
    );
    for (const country of countries) tally(byCountry, country);
  }
  return {
    total,
    byCountry: sorted(byCountry).map(([countryCode, count]) => ({ countryCode, count })),
    byType: sorted(byType).map(([type, count]) => ({ type, count })),
    byCentre: sorted(byCentre).map(([centreId, count]) => ({ centreId, count })),
  };
}
