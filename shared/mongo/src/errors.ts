/**
 * Reason codes of the store kit's own errors: pagination arguments, and a write
 * that kept finding its document changed (the same reason in every service).
 */
export const MongoKitErrorReason = {
  CONCURRENT_CHANGE: "CONCURRENT_CHANGE",
  INVALID_PAGE_SIZE: "INVALID_PAGE_SIZE",
  INVALID_CURSOR: "INVALID_CURSOR",
} as const;
export type MongoKitErrorReason = (typeof MongoKitErrorReason)[keyof typeof MongoKitErrorReason];
