import type { Viewer } from "@intl/auth";

/** What the gateway knows about one incoming request. */
export interface GatewayContext {
  /** Who is asking, from the verified token (anonymous without one). */
  viewer: Viewer;
  /** The verified `Authorization` header, forwarded unchanged to subgraphs. */
  authorization: string | undefined;
  requestId: string;
  /** Aborted when the client leaves before its answer: every subgraph fetch made for it stops. */
  signal: AbortSignal;
}

/** Turns an `Authorization` header into a viewer; throws `DomainError` UNAUTHENTICATED on a bad token. */
export type VerifyToken = (authorizationHeader?: string) => Promise<Viewer>;
