import { enumOf, type EnumValue } from "@intl/errors";
/**
 * Reason codes of the store kit's own errors: pagination arguments, and a write
 * that kept finding its document changed (the same reason in every service).
 */
export const MongoKitErrorReason = enumOf("CONCURRENT_CHANGE", "INVALID_PAGE_SIZE", "INVALID_CURSOR");
export type MongoKitErrorReason = EnumValue<typeof MongoKitErrorReason>;
