/** MongoDB's (and FerretDB's) answer to a second document with the same unique key. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === 11000;
}
