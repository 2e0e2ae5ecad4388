/**
 * Runs the read-decide-write steps on one aggregate one at a time in this process.
 *
 * Why: FerretDB 1.24, the dev and test store, applies a conditional update by
 * reading the document and writing it back without isolation, so two updates of
 * one document guarded by the same `version` can both "match" and one is lost
 * (measured here: 6 concurrent compare-and-set updates, up to 4 reported a match).
 * On MongoDB the version guard alone is atomic and this queue costs next to nothing;
 * across several processes, the version guard is what protects the aggregate.
 */
export interface AggregateQueue {
  /** Runs `work` once every earlier piece of work on `key` in this process has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createAggregateQueue(): AggregateQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.catch(() => undefined).then(work);
      const tail = current.catch(() => undefined);
      tails.set(key, tail);
      try {
        return await current;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
