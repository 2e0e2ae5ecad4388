/**
 * Serialises, within this process, the read-decide-write steps on one document.
 *
 * Why: FerretDB 1.24 (the embedded dev and test store) applies an update as a
 * read-modify-write that is not isolated, so two concurrent updates of one
 * document can silently lose one — a versioned compare-and-set can match twice,
 * and the outbox relay's `$pop` can write back a stale copy over a domain change.
 * Every writer of an aggregate document in a service (its operations and its
 * outbox relay) therefore shares one queue and uses `documentKey` for the key.
 * On MongoDB each update is atomic on its own and the queue costs next to nothing;
 * across processes, the aggregates' version guards are what protect them.
 */
export interface WriteQueue {
  /** Runs `work` once every earlier piece of work on `key` in this process has settled. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
}

export function createWriteQueue(): WriteQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      const current = previous.then(work, work);
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

/** The queue key of one document: its collection and id. */
export function documentKey(collectionName: string, id: unknown): string {
  return `${collectionName}/${String(id)}`;
}
