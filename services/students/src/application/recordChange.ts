import type { OutboxEvent } from "@intl/kafka";
import type { AggregateDecision } from "@intl/mongo";

/** What a command decided on a record: the fields it sets, one element per array it appends to, its events. */
export interface RecordChange<R> {
  set: Partial<R>;
  push?: Record<string, unknown>;
  events?: (next: R, sequence: number) => OutboxEvent[];
}

/** The arrays of `record` after a `$push` of one element each, to return the new state without reading it back. */
function appended<T extends object>(record: T, push: Record<string, unknown> | undefined): Partial<T> {
  if (!push) return {};
  return Object.fromEntries(
    Object.entries(push).map(([key, value]) => [
      key,
      [...((record as Record<string, unknown[]>)[key] ?? []), value],
    ]),
  ) as Partial<T>;
}

/** The aggregate writer's decision for a `RecordChange` (or none: nothing to write). */
export function recordDecision<R extends { version: number }>(
  current: R,
  change: RecordChange<R> | null,
): AggregateDecision<R, OutboxEvent> | null {
  if (!change) return null;
  const sequence = current.version + 1;
  const next = { ...current, ...change.set, ...appended(current, change.push), version: sequence };
  return {
    next,
    set: change.set,
    ...(change.push ? { push: change.push } : {}),
    events: change.events?.(next, sequence) ?? [],
  };
}
