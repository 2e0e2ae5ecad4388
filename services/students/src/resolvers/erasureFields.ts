import type { StudentsApp } from "../application/studentsApp.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import type { ErasureRequestRecord } from "../models/erasureRequest.ts";

/** An erasure request as the operations answer it: the record, its id, the services still awaited. */
export type ErasureRequestView = ErasureRequestRecord & { id: string; pendingServices: string[] };

/**
 * Erasure requests, partners' erasure notices (`personalDataErasure.ts`) and the personal data
 * export's entry point (`personalDataExport.ts`): thin calls into the application.
 */
export function erasureResolvers(
  app: StudentsApp,
): Pick<Resolvers, "Query" | "Mutation" | "ErasureRequest" | "ErasureConfirmation" | "ErasureNotice"> {
  // This service's part of the export (the entity's field, JSON) is added by the service definition.
  return {
    Query: {
      personalDataExport: (_, args, context) => app.personalDataExport(context.viewer, args.person),
      // The same subject, ADMIN only; each service resolves its `<service>Access` field of it.
      personalDataAccessTrail: (_, args, context) => app.personalDataExport(context.viewer, args.person),
      erasureRequest: (_, args, context) => app.getErasureRequest(context.viewer, args.id),
      erasureNotices: (_, args, context) => app.listErasureNotices(context.viewer, args.institutionId, args),
    },
    Mutation: {
      requestErasure: (_, args, context) => app.requestErasure(context.viewer, args.person),
    },
    ErasureRequest: {
      personKind: (request) => request.person.kind,
      personId: (request) => request.person.id,
      requestedAt: (request) => request.requestedAt.toISOString(),
      completedAt: (request) => request.completedAt?.toISOString() ?? null,
    },
    ErasureConfirmation: {
      erasedAt: (confirmation) => confirmation.erasedAt.toISOString(),
    },
    ErasureNotice: {
      message: () =>
        "The personal data of a person your institution nominated was erased at their request (GDPR art. 17); the school keeps only anonymous facts.",
    },
  };
}
