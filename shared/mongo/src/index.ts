export { connectMongo, pingMongo } from "./connection.ts";
export { paginate, pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./pagination.ts";
export type { PageConnection, PageInfo, PageRequest } from "./pagination.ts";
export type { AnyModel, HydratedDocumentOf, RawDocumentOf } from "./model-types.ts";
export { encodeCursor, decodeCursor, afterPositionFilter } from "./cursor.ts";
export type { SortDirection, SortOrder, CursorPosition } from "./cursor.ts";
export { applyOnce, appliedEventsPlugin, APPLIED_EVENTS_KEPT } from "./apply-once.ts";
export type { ApplyOnceOptions } from "./apply-once.ts";
export { MongoKitErrorReason } from "./errors.ts";
