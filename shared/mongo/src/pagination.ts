import type { Document, QueryFilter } from "mongoose";
import { badInput } from "@intl/errors";
import { afterPositionFilter, decodeCursor, encodeCursor } from "./cursor.ts";
import { allOf, matchesNothing } from "./filters.ts";
import type { SortOrder } from "./cursor.ts";
import { MongoKitErrorReason } from "./errors.ts";
import type { AnyModel, HydratedDocumentOf, RawDocumentOf } from "./model-types.ts";

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageInfo {
  hasNextPage: boolean;
  /** Cursor of the last node of this page; pass it as `after` for the next page. Null on an empty page. */
  endCursor: string | null;
}

/** The `XxxConnection { nodes, pageInfo, totalCount }` shape every list of the graph returns. */
export interface PageConnection<Node> {
  nodes: Node[];
  pageInfo: PageInfo;
  /** Number of documents matching `filter`, all pages together. */
  totalCount: number;
}

export interface PageRequest<T> {
  filter?: QueryFilter<T>;
  sort?: SortOrder;
  /** Page size: default 20, 0..100; anything else is bad input on `first`. */
  first?: number | null;
  /** `endCursor` of the previous page; a foreign or corrupt cursor is bad input on `after`. */
  after?: string | null;
}

/** Checks a requested page size: default 20, at most 100, never negative. */
export function pageSize(first: number | null | undefined, field = "first"): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput(
      MongoKitErrorReason.INVALID_PAGE_SIZE,
      field,
      `first must be an integer between 0 and ${MAX_PAGE_SIZE}`,
      { max: MAX_PAGE_SIZE },
    );
  }
  return first;
}

/**
 * One page of `model` matching `filter`, in `sort` order with `_id` as the
 * tie-break (default: `_id` ascending), starting strictly after the `after`
 * cursor. Stable while documents are added or removed between pages: a node is
 * never returned twice, and only nodes inserted behind the cursor are missed.
 * Nodes are hydrated documents, so `id` and other virtuals work in resolvers.
 */
export async function paginate<M extends AnyModel>(
  model: M,
  request: PageRequest<RawDocumentOf<M>> = {},
): Promise<PageConnection<HydratedDocumentOf<M>>> {
  const sort: SortOrder = request.sort ?? { field: "_id", direction: 1 };
  const limit = pageSize(request.first);
  const position = request.after ? decodeCursor(sort, request.after) : null;
  // Merged into top-level keys where possible: FerretDB pushes down nothing nested in `$and`.
  const filter = allOf((request.filter ?? {}) as Record<string, unknown>);
  if (matchesNothing(filter))
    return { nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
  const pageFilter = position ? allOf(filter, afterPositionFilter(sort, position)) : filter;
  const order: Record<string, 1 | -1> =
    sort.field === "_id" ? { _id: sort.direction } : { [sort.field]: sort.direction, _id: sort.direction };

  const [found, totalCount] = await Promise.all([
    // One more than asked tells whether a next page exists without a second query.
    model
      .find(pageFilter)
      .sort(order)
      .limit(limit + 1)
      .exec(),
    model.countDocuments(filter).exec(),
  ]);
  const nodes = found.slice(0, limit) as HydratedDocumentOf<M>[];
  const last = nodes.at(-1) as Document<unknown> | undefined;
  return {
    nodes,
    pageInfo: {
      hasNextPage: found.length > limit,
      endCursor: last ? encodeCursor(sort, positionOf(last, sort)) : null,
    },
    totalCount,
  };
}

function positionOf(document: Document<unknown>, sort: SortOrder) {
  return {
    value: sort.field === "_id" ? document._id : (document.get(sort.field, null, { getters: false }) ?? null),
    id: document._id,
  };
}
