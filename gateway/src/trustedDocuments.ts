import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { Role } from "@intl/auth";
import type { RequestHandler } from "express";
import type { VerifyToken } from "./gatewayContext.ts";
import { refuseRequest } from "./operationLog.ts";

/** Operations a frontend may send by id: sha256 hex of the text → the text. */
export type TrustedDocuments = ReadonlyMap<string, string>;

export const TrustedDocumentCode = {
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_REQUIRED: "PERSISTED_QUERY_REQUIRED",
} as const;

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Reads a manifest `{ "<sha256 hex of the text>": "<text>" }`. Every key must be
 * the hash of its text, as for Apollo's persisted queries: a key naming another
 * text would let a client run one operation under another's id.
 */
export function readTrustedDocuments(path: string): TrustedDocuments {
  const manifest: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw new Error(`${path}: a trusted-documents manifest is a JSON object { "<sha256>": "<query>" }`);
  }
  const documents = new Map<string, string>();
  const wrong: string[] = [];
  for (const [id, text] of Object.entries(manifest)) {
    if (typeof text === "string" && sha256(text) === id.toLowerCase()) documents.set(id.toLowerCase(), text);
    else wrong.push(id);
  }
  if (wrong.length > 0) {
    throw new Error(`${path}: these ids are not the sha256 of their text: ${wrong.join(", ")}`);
  }
  return documents;
}

/** The GraphQL request's fields, from a POST body or GET parameters, written back the same way. */
interface RequestFields {
  query: string | undefined;
  documentId: string | undefined;
  extensions: Record<string, unknown> | undefined;
}

function readFields(method: string, url: string, body: unknown): RequestFields {
  if (method === "GET") {
    const params = new URL(url, "http://gateway").searchParams;
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get("extensions") ?? "null");
    } catch {
      extensions = undefined; // Apollo refuses it with its own message
    }
    return {
      query: params.get("query") ?? undefined,
      documentId: params.get("documentId") ?? undefined,
      extensions: isRecord(extensions) ? extensions : undefined,
    };
  }
  const fields = isRecord(body) ? body : {};
  return {
    query: typeof fields["query"] === "string" ? fields["query"] : undefined,
    documentId: typeof fields["documentId"] === "string" ? fields["documentId"] : undefined,
    extensions: isRecord(fields["extensions"]) ? fields["extensions"] : undefined,
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Serves operations sent by id (`documentId`, "sha256:" prefix optional, or
 * APQ's `extensions.persistedQuery.sha256Hash`) from the manifest: the request's
 * `query` becomes the trusted text and the id is removed, so Apollo's own APQ
 * cache never sees it (a client cannot register new ids). With `only`, free text
 * is refused (PERSISTED_QUERY_REQUIRED, HTTP 400) unless the caller is a
 * signed-in ADMIN. Runs before Apollo: its early hooks cannot answer a coded error.
 */
export function trustedDocuments(
  documents: TrustedDocuments,
  only: boolean,
  verifyToken: VerifyToken,
): RequestHandler {
  const isAdmin = async (authorization: string | undefined) => {
    try {
      const viewer = await verifyToken(authorization);
      return viewer.authenticated && viewer.role === Role.ADMIN;
    } catch {
      return false; // a bad token is refused here; Apollo would refuse it too
    }
  };

  return async (req, res, next) => {
    const fields = readFields(req.method, req.url, req.body);
    const persisted = fields.extensions?.["persistedQuery"] as { sha256Hash?: unknown } | undefined;
    const id = (
      fields.documentId ?? (typeof persisted?.sha256Hash === "string" ? persisted.sha256Hash : undefined)
    )
      ?.replace(/^sha256:/, "")
      .toLowerCase();
    const trusted = id === undefined ? undefined : documents.get(id);

    if (trusted === undefined && id !== undefined && fields.query === undefined) {
      refuseRequest(res, 400, "No trusted document has this id.", {
        code: TrustedDocumentCode.PERSISTED_QUERY_NOT_FOUND,
      });
      return;
    }
    if (trusted === undefined && only && !(await isAdmin(req.get("authorization")))) {
      refuseRequest(
        res,
        400,
        "This gateway accepts trusted documents only: send the operation's documentId (or persistedQuery sha256Hash), not its text.",
        { code: TrustedDocumentCode.PERSISTED_QUERY_REQUIRED },
      );
      return;
    }

    const { persistedQuery: _id, ...extensions } = fields.extensions ?? {};
    const query = trusted ?? fields.query;
    if (req.method === "GET") {
      const url = new URL(req.url, "http://gateway");
      url.searchParams.delete("documentId");
      if (query !== undefined) url.searchParams.set("query", query);
      if (fields.extensions) url.searchParams.set("extensions", JSON.stringify(extensions));
      req.url = `${url.pathname}${url.search}`;
    } else if (isRecord(req.body)) {
      delete req.body["documentId"];
      if (query !== undefined) req.body["query"] = query;
      if (fields.extensions) req.body["extensions"] = extensions;
    }
    next();
  };
}
