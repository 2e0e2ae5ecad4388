import { requireSignedIn } from "@intl/auth";
import type { NetworkFilter } from "../application/networksAndLabels.ts";
import type { NetworkInput } from "../domain/networkMembership.ts";
import type { SchoolLabelInput } from "../domain/schoolLabel.ts";
import type { NetworkDocument } from "../models/networkModel.ts";
import type { SchoolLabelDocument } from "../models/schoolLabelModel.ts";
import { type PartnershipsContext } from "./context.ts";

interface PageArgs {
  first?: number | null;
  after?: string | null;
}

/** Networks and labels are public; network members (institutions) are for signed-in viewers. */
export const networkResolvers = {
  Query: {
    networks: (
      _: unknown,
      args: PageArgs & { filter?: NetworkFilter | null },
      { app }: PartnershipsContext,
    ) =>
      app.listNetworks({ filter: args.filter ?? null, first: args.first ?? null, after: args.after ?? null }),
    network: (_: unknown, { id }: { id: string }, { app }: PartnershipsContext) => app.findNetwork(id),
    schoolLabels: (_: unknown, args: PageArgs, { app }: PartnershipsContext) =>
      app.listSchoolLabels({ first: args.first ?? null, after: args.after ?? null }),
  },
  Mutation: {
    createNetwork: (_: unknown, { input }: { input: NetworkInput }, { app, viewer }: PartnershipsContext) => {
      return app.createNetwork(viewer, input);
    },
    addNetworkMember: (
      _: unknown,
      { networkId, institutionId }: { networkId: string; institutionId: string },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.addNetworkMember(viewer, networkId, institutionId);
    },
    removeNetworkMember: (
      _: unknown,
      { networkId, institutionId }: { networkId: string; institutionId: string },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.removeNetworkMember(viewer, networkId, institutionId);
    },
    recordSchoolLabel: (
      _: unknown,
      { input }: { input: SchoolLabelInput },
      { app, viewer }: PartnershipsContext,
    ) => {
      return app.recordSchoolLabel(viewer, input);
    },
  },
  Network: {
    id: (network: NetworkDocument) => network._id,
    members: async (network: NetworkDocument, _: unknown, { loaders, viewer }: PartnershipsContext) => {
      requireSignedIn(viewer);
      const members = await loaders.institution.loadMany(network.memberInstitutionIds);
      const failure = members.find((member) => member instanceof Error);
      if (failure) throw failure;
      return members.filter((member) => member !== null);
    },
  },
  SchoolLabel: {
    id: (label: SchoolLabelDocument) => label._id,
  },
};
