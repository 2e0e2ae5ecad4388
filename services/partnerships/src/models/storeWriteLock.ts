/**
 * Runs the service's writes one at a time in this process.
 *
 * Why: FerretDB 1.x (the dev and test store) applies an update as a
 * read-modify-write that is not isolated, so two concurrent updates of one
 * document can silently lose one of them (measured: 50 concurrent `$inc` of a
 * counter leave 13; a versioned update racing the outbox relay's `$pop` is lost
 * about half the time). MongoDB has no such problem and loses nothing by this
 * lock but some write concurrency, which this office-sized service does not need.
 * Every read-decide-write of an aggregate and every outbox scan goes through it.
 */
export type Exclusive = <T>(work: () => Promise<T>) => Promise<T>;

export function createStoreWriteLock(): Exclusive {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}
