/** Reason codes of the store kit's own input errors (pagination arguments). */
export const MongoKitErrorReason = {
  INVALID_PAGE_SIZE: "INVALID_PAGE_SIZE",
  INVALID_CURSOR: "INVALID_CURSOR",
} as const;
export type MongoKitErrorReason = (typeof MongoKitErrorReason)[keyof typeof MongoKitErrorReason];
