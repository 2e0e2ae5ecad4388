/** The strategy's numbers (DOMAIN.md, "The strategy, as numbers the system must track"). */

export const INTERNATIONAL_SHARE_TARGET = 0.3;

function ratio(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000;
}

export interface InternationalShare {
  international: number;
  total: number;
  share: number;
  target: number;
}

/** Share of international students among enrolled students (target 30 %). */
export function internationalShare(international: number, total: number): InternationalShare {
  return { international, total, share: ratio(international, total), target: INTERNATIONAL_SHARE_TARGET };
}

export interface CountryCount {
  countryCode: string;
  count: number;
}

export interface OriginDiversity {
  total: number;
  /**
   * Herfindahl-Hirschman index of origins: the sum of squared country shares,
   * from 1/n (n countries equally represented) to 1 (a single country).
   */
  herfindahl: number;
  /** Number of countries, were they equally represented, giving the same index (1 / herfindahl). */
  effectiveCountries: number;
  topCountries: CountryShare[];
}

export type CountryShare = CountryCount & { share: number };

/** How concentrated incoming students' origins are: no single country should dominate. */
export function originDiversity(counts: readonly CountryCount[], top = 5): OriginDiversity {
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return { total: 0, herfindahl: 0, effectiveCountries: 0, topCountries: [] };
  const herfindahl = counts.reduce((sum, entry) => sum + (entry.count / total) ** 2, 0);
  const sorted = [...counts].sort((a, b) => b.count - a.count || a.countryCode.localeCompare(b.countryCode));
  return {
    total,
    herfindahl: Math.round(herfindahl * 10_000) / 10_000,
    effectiveCountries: Math.round((1 / herfindahl) * 100) / 100,
    topCountries: sorted.slice(0, top).map((entry) => ({ ...entry, share: ratio(entry.count, total) })),
  };
}

export interface FlowBalance {
  incoming: number;
  outgoing: number;
  /** incoming − outgoing: positive when the school receives more than it sends. */
  balance: number;
  /** One direction exceeds `ratio` times the other (a flow one way only is imbalanced; none is not). */
  imbalanced: boolean;
}

/** Above this ratio between the two directions, flows with a partner are flagged (FLOW_IMBALANCE_RATIO). */
export const DEFAULT_FLOW_IMBALANCE_RATIO = 3;

/** Flows with one partner in one year: the aim is regular flows both ways. */
export function flowBalance(
  incoming: number,
  outgoing: number,
  imbalanceRatio = DEFAULT_FLOW_IMBALANCE_RATIO,
): FlowBalance {
  const [more, fewer] = incoming >= outgoing ? [incoming, outgoing] : [outgoing, incoming];
  return { incoming, outgoing, balance: incoming - outgoing, imbalanced: more > imbalanceRatio * fewer };
}
