import type { StudentsApp } from "../application/studentsApp.ts";
import type { PersonInput } from "../domain/erasureRequest.ts";
import type { ErasureRequestRecord } from "../models/erasureRequest.ts";
import type { StudentsContext } from "./context.ts";

type Page = { first?: number | null; after?: string | null };

/** Erasure requests and partners' erasure notices: thin calls into `personalDataErasure.ts`. */
export function erasureResolvers(app: StudentsApp) {
  return {
    Query: {
      erasureRequest: (_: unknown, args: { id: string }, context: StudentsContext) =>
        app.getErasureRequest(context.viewer, args.id),
      erasureNotices: (
        _: unknown,
        args: Page & { institutionId?: string | null },
        context: StudentsContext,
      ) => app.listErasureNotices(context.viewer, args.institutionId, args),
    },
    Mutation: {
      requestErasure: (_: unknown, args: { person: PersonInput }, context: StudentsContext) =>
        app.requestErasure(context.viewer, args.person),
    },
    ErasureRequest: {
      personKind: (request: ErasureRequestRecord) => request.person.kind,
      personId: (request: ErasureRequestRecord) => request.person.id,
      requestedAt: (request: ErasureRequestRecord) => request.requestedAt.toISOString(),
      completedAt: (request: ErasureRequestRecord) => request.completedAt?.toISOString() ?? null,
    },
    ErasureConfirmation: {
      erasedAt: (confirmation: { erasedAt: Date }) => confirmation.erasedAt.toISOString(),
    },
    ErasureNotice: {
      message: () =>
        "The personal data of a person your institution nominated was erased at their request (GDPR art. 17); the school keeps only anonymous facts.",
    },
  };
}
