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
 * Nodes are hydrated documents, so `id` and other virtuals work in resolvers;
 * `paginateLean` returns plain objects instead.
 */
export function paginate<M extends AnyModel>(
  model: M,
  request: PageRequest<RawDocumentOf<M>> = {},
): Promise<PageConnection<HydratedDocumentOf<M>>> {
  return pageOf(model, request, false) as Promise<PageConnection<HydratedDocumentOf<M>>>;
}

/** `paginate` with plain stored objects as nodes (what `lean()` reads): for code that maps them itself. */
export function paginateLean<M extends AnyModel>(
  model: M,
  request: PageRequest<RawDocumentOf<M>> = {},
): Promise<PageConnection<RawDocumentOf<M>>> {
  return pageOf(model, request, true) as Promise<PageConnection<RawDocumentOf<M>>>;
}

async function pageOf(
  model: AnyModel,
  request: PageRequest<unknown>,
  lean: boolean,
): Promise<PageConnection<unknown>> {
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

  // One more than asked tells whether a next page exists without a second query.
  const query = model
    .find(pageFilter)
    .sort(order)
    .limit(limit + 1);
  const [found, totalCount] = await Promise.all([
    (lean ? query.lean() : query).exec() as Promise<unknown[]>,
    model.countDocuments(filter).exec(),
  ]);
  const nodes = found.slice(0, limit);
  const last = nodes.at(-1);
  return {
    nodes,
    pageInfo: {
      hasNextPage: found.length > limit,
      endCursor: last === undefined ? null : encodeCursor(sort, positionOf(last, sort, lean)),
    },
    totalCount,
  };
}

function positionOf(node: unknown, sort: SortOrder, lean: boolean) {
  const id = (node as { _id: unknown })._id;
  if (sort.field === "_id") return { value: id, id };
  const value = lean
    ? sort.field.split(".").reduce<unknown>((at, key) => (at as Record<string, unknown> | null)?.[key], node)
    : (node as Document<unknown>).get(sort.field, null, { getters: false });
  return { value: value ?? null, id };
}

/** The same page with each node mapped (a stored document to the state the graph serves). */
export function mapPage<Node, Mapped>(
  page: PageConnection<Node>,
  map: (node: Node) => Mapped,
): PageConnection<Mapped> {
  return { nodes: page.nodes.map(map), pageInfo: page.pageInfo, totalCount: page.totalCount };
}
