import { DomainError, ErrorKind } from "@intl/errors";
import { documentKey, isDuplicateKeyError, paginateLean } from "@intl/mongo";
import type { QueryFilter } from "mongoose";
import { PartnershipsReason } from "../domain/errors.ts";
import { validateNetwork, type NetworkInput, type NetworkScope } from "../domain/networkMembership.ts";
import { validateSchoolLabel, type SchoolLabelInput } from "../domain/schoolLabel.ts";
import type { NetworkDocument } from "../models/networkModel.ts";
import type { SchoolLabelDocument } from "../models/schoolLabelModel.ts";
import type { ApplicationDeps } from "./applicationDeps.ts";
import { institutionNotFound } from "./partnershipStanding.ts";
import type { Viewer } from "@intl/auth";
import { requireWriter } from "../domain/access.ts";

export interface NetworkFilter {
  scope?: NetworkScope[] | null;
  schoolMember?: boolean | null;
}

export interface CreationOptions {
  /** A fixed id (seed data); default: a new one. */
  id?: string;
  demo?: boolean;
}

function networkNotFound(id: string): DomainError {
  return new DomainError(ErrorKind.NOT_FOUND, PartnershipsReason.NETWORK_NOT_FOUND, `No network ${id}`, {
    field: "networkId",
  });
}

/** Networks the school and its partners belong to; labels and rankings the school holds. */
export function networksAndLabels({ models, clock, newId, writeQueue }: ApplicationDeps) {
  const { Network, SchoolLabel, Institution } = models;

  async function changeMembers(
    networkId: string,
    institutionId: string,
    operator: "$addToSet" | "$pull",
  ): Promise<NetworkDocument> {
    if (operator === "$addToSet" && !(await Institution.exists({ _id: institutionId })))
      throw institutionNotFound(institutionId);
    // `$addToSet`/`$pull` read then write the member list on FerretDB: changes to one network take turns.
    const updated = await writeQueue.run(documentKey(Network.collection.collectionName, networkId), () =>
      Network.findOneAndUpdate(
        { _id: networkId },
        { [operator]: { memberInstitutionIds: institutionId }, $set: { updatedAt: clock() } },
        { returnDocument: "after" },
      )
        .lean<NetworkDocument>()
        .exec(),
    );
    if (!updated) throw networkNotFound(networkId);
    return updated;
  }

  return {
    async createNetwork(
      viewer: Viewer,
      input: NetworkInput,
      options: CreationOptions = {},
    ): Promise<NetworkDocument> {
      requireWriter(viewer);
      const now = clock();
      const details = validateNetwork(input, now);
      const document = {
        _id: options.id ?? newId(),
        ...details,
        memberInstitutionIds: [],
        demo: options.demo ?? false,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await Network.create(document);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        throw new DomainError(
          ErrorKind.CONFLICT,
          PartnershipsReason.NETWORK_NAME_TAKEN,
          `A network named ${details.name} already exists`,
          {
            field: "input.name",
          },
        );
      }
      return document;
    },

    addNetworkMember(viewer: Viewer, networkId: string, institutionId: string) {
      requireWriter(viewer);
      return changeMembers(networkId, institutionId, "$addToSet");
    },
    removeNetworkMember(viewer: Viewer, networkId: string, institutionId: string) {
      requireWriter(viewer);
      return changeMembers(networkId, institutionId, "$pull");
    },

    async findNetwork(id: string): Promise<NetworkDocument | null> {
      return Network.findById(id).lean<NetworkDocument>().exec();
    },

    async findNetworkByName(name: string): Promise<NetworkDocument | null> {
      return Network.findOne({ name }).lean<NetworkDocument>().exec();
    },

    async listNetworks(page: {
      filter?: NetworkFilter | null;
      first?: number | null;
      after?: string | null;
    }) {
      const conditions: QueryFilter<NetworkDocument>[] = [];
      if (page.filter?.scope?.length) conditions.push({ scope: { $in: page.filter.scope } });
      if (typeof page.filter?.schoolMember === "boolean") {
        conditions.push({ schoolMember: page.filter.schoolMember });
      }
      return paginateLean(Network, {
        filter: conditions.length > 0 ? { $and: conditions } : {},
        sort: { field: "name", direction: 1 },
        first: page.first ?? null,
        after: page.after ?? null,
      });
    },

    async recordSchoolLabel(
      viewer: Viewer,
      input: SchoolLabelInput,
      options: CreationOptions = {},
    ): Promise<SchoolLabelDocument> {
      requireWriter(viewer);
      const now = clock();
      const label = validateSchoolLabel(input, now);
      const document = { _id: options.id ?? newId(), ...label, createdAt: now };
      await SchoolLabel.create(document);
      return document;
    },

    async findSchoolLabel(id: string): Promise<SchoolLabelDocument | null> {
      return SchoolLabel.findById(id).lean<SchoolLabelDocument>().exec();
    },

    async listSchoolLabels(page: { first?: number | null; after?: string | null }) {
      return paginateLean(SchoolLabel, {
        sort: { field: "obtainedOn", direction: 1 },
        first: page.first ?? null,
        after: page.after ?? null,
      });
    },
  };
}

export type NetworksAndLabels = ReturnType<typeof networksAndLabels>;
