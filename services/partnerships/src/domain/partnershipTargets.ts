/** The school's targets (seed): about 130 agreements, about 30 strategic and 40 complete partnerships. */
export const partnershipTargets = { agreements: 130, strategic: 30, complete: 40 } as const;

export interface TargetProgress {
  actual: number;
  target: number;
  /** actual / target, two decimals (1 = reached). */
  ratio: number;
}

export function progressTowards(actual: number, target: number): TargetProgress {
  return { actual, target, ratio: target === 0 ? 1 : Math.round((actual / target) * 100) / 100 };
}
