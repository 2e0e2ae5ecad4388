/**
 * The seed replays history through the service's own operations (an agreement
 * activated four years ago, then expired), so the service it builds reads the
 * time from this clock, which the seed moves.
 */
export function seedClock() {
  let override: Date | null = null;
  return {
    now: (): Date => (override ? new Date(override) : new Date()),
    travelTo(moment: Date): void {
      override = moment;
    },
    backToPresent(): void {
      override = null;
    },
  };
}

export type SeedClock = ReturnType<typeof seedClock>;
