import { requireSignedIn } from "@intl/auth";
import type { Resolvers } from "../generated/resolvers-types.ts";

/** Networks and labels are public; network members (institutions) are for signed-in viewers. */
export const networkResolvers: Pick<Resolvers, "Query" | "Mutation" | "Network" | "SchoolLabel"> = {
  Query: {
    networks: (_, args, { app }) =>
      app.listNetworks({ filter: args.filter ?? null, first: args.first ?? null, after: args.after ?? null }),
    network: (_, { id }, { app }) => app.findNetwork(id),
    schoolLabels: (_, args, { app }) =>
      app.listSchoolLabels({ first: args.first ?? null, after: args.after ?? null }),
  },
  Mutation: {
    createNetwork: (_, { input }, { app, viewer }) => app.createNetwork(viewer, input),
    addNetworkMember: (_, { networkId, institutionId }, { app, viewer }) =>
      app.addNetworkMember(viewer, networkId, institutionId),
    removeNetworkMember: (_, { networkId, institutionId }, { app, viewer }) =>
      app.removeNetworkMember(viewer, networkId, institutionId),
    recordSchoolLabel: (_, { input }, { app, viewer }) => app.recordSchoolLabel(viewer, input),
  },
  Network: {
    id: (network) => network._id,
    members: async (network, _, { loaders, viewer }) => {
      requireSignedIn(viewer);
      const members = await loaders.institution.loadMany(network.memberInstitutionIds);
      return members.filter((member) => {
        if (member instanceof Error) throw member;
        return member !== null;
      });
    },
  },
  SchoolLabel: {
    id: (label) => label._id,
  },
};
