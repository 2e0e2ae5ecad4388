import { Role, requireRole, requireSignedIn } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import { DomainError, ErrorKind } from "@intl/errors";
import { findByIds, isDuplicateKeyError, mapPage, paginateLean } from "@intl/mongo";
import type { PageConnection } from "@intl/mongo";
import { ResearchReason } from "../domain/errors.ts";
import { createResearchCentre } from "../domain/researchCentre.ts";
import type { CreateResearchCentreCommand, ResearchCentreState } from "../domain/researchCentre.ts";
import type { ResearchDomain } from "../domain/vocabulary.ts";
import { centreFromDocument } from "../models/researchCentreModel.ts";
import type { ResearchCentreDocument } from "../models/researchCentreModel.ts";
import type { ApplicationDeps, PageArgs } from "./applicationDeps.ts";

export function researchCentreOperations({ models, newId }: ApplicationDeps) {
  const { ResearchCentre } = models;

  async function findCentres(ids: readonly string[]): Promise<ResearchCentreState[]> {
    const documents = await findByIds(ResearchCentre, ids, (condition) =>
      ResearchCentre.find(condition).lean<ResearchCentreDocument[]>().exec(),
    );
    return documents.map(centreFromDocument);
  }

  return {
    /** ADMIN only. `id` is for the seed's stable demo ids. */
    async createResearchCentre(
      viewer: Viewer,
      command: CreateResearchCentreCommand & { id?: string },
    ): Promise<ResearchCentreState> {
      requireRole(viewer, Role.ADMIN);
      const centre = createResearchCentre(command, command.id ?? newId());
      try {
        const { id, ...fields } = centre;
        await ResearchCentre.create({ _id: id, ...fields });
      } catch (error) {
        if (isDuplicateKeyError(error)) {
          throw new DomainError(
            ErrorKind.CONFLICT,
            ResearchReason.CENTRE_CODE_TAKEN,
            `A research centre with code ${centre.code} (or id ${centre.id}) exists.`,
            {
              field: "input.code",
            },
          );
        }
        throw error;
      }
      return centre;
    },

    findCentres,

    async getResearchCentre(viewer: Viewer, id: string): Promise<ResearchCentreState | null> {
      requireSignedIn(viewer);
      return (await findCentres([id]))[0] ?? null;
    },

    async listResearchCentres(
      viewer: Viewer,
      args: PageArgs & { filter?: { domain?: ResearchDomain | null } | null },
    ): Promise<PageConnection<ResearchCentreState>> {
      requireSignedIn(viewer);
      const filter: Record<string, unknown> = {};
      if (args.filter?.domain) filter.domains = args.filter.domain;
      const page = await paginateLean(ResearchCentre, {
        filter,
        sort: { field: "code", direction: 1 },
        first: args.first,
        after: args.after,
      });
      return mapPage(page, centreFromDocument);
    },
  };
}
