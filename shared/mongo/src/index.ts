export { connectMongo, pingMongo } from "./connection.ts";
export {
  enableReadCache,
  keepOutOfReadCache,
  markReadOnly,
  readCacheStats,
  runInReadScope,
} from "./read-cache.ts";
export type { ConnectMongoOptions } from "./connection.ts";
export { DEFAULT_QUERY_MAX_TIME_MS, limitQueryTime, queryDeadlinePlugin } from "./query-deadline.ts";
export { mapPage, paginate, paginateLean, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination.ts";
export type { PageConnection, PageInfo, PageRequest } from "./pagination.ts";
export type { AnyModel, HydratedDocumentOf, RawDocumentOf } from "./model-types.ts";
export { encodeCursor, decodeCursor, afterPositionFilter, sortDirection } from "./cursor.ts";
export type { SortDirection, SortOrder, CursorPosition } from "./cursor.ts";
export { applyOnce, appliedEventsPlugin, APPLIED_EVENTS_KEPT } from "./apply-once.ts";
export { applyIfNewer } from "./apply-if-newer.ts";
export type { ApplyOnceOptions } from "./apply-once.ts";
export { MongoKitErrorReason } from "./errors.ts";
export { createWriteQueue, documentKey } from "./write-queue.ts";
export { derivedLinks } from "./derived-links.ts";
export type { DerivedLinks, DerivedLinksDefinition, LinkDocument } from "./derived-links.ts";
export { duplicateKeyIndexes, isDuplicateKeyError } from "./store-errors.ts";
export type { WriteQueue } from "./write-queue.ts";
export { allOf, matchesNothing, oneOf } from "./filters.ts";
// Modules whose whole surface is the kit's.
export * from "./aggregate-write.ts";
export * from "./batch-lookup.ts";
export * from "./query-audit.ts";
