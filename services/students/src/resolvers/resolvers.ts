import type { SubgraphResolvers } from "@intl/subgraph";
import type { StudentsApp } from "../application/studentsApp.ts";
import type { Resolvers } from "../generated/resolvers-types.ts";
import { applicationResolvers } from "./applicationFields.ts";
import { erasureResolvers } from "./erasureFields.ts";
import type { StudentsContext } from "./context.ts";
import { indicatorResolvers } from "./indicatorFields.ts";
import { institutionResolvers } from "./institutionFields.ts";
import { mobilityResolvers } from "./mobilityFields.ts";
import { mutationResolvers } from "./mutations.ts";
import { programmeResolvers } from "./programmeFields.ts";
import { queryResolvers } from "./queries.ts";
import { studentResolvers } from "./studentFields.ts";

/** Every resolver of the subgraph, each a thin call into the application operations. */
export function buildResolvers(app: StudentsApp): SubgraphResolvers<StudentsContext> {
  const erasure = erasureResolvers(app);
  const resolvers: Resolvers = {
    ...erasure,
    Query: { ...queryResolvers(app), ...erasure.Query },
    Mutation: { ...mutationResolvers(app), ...erasure.Mutation },
    Student: studentResolvers(app),
    ...applicationResolvers(app),
    ...mobilityResolvers,
    ...institutionResolvers(app),
    ...indicatorResolvers(app),
    ...programmeResolvers,
  };
  // Checked field by field against the schema above; Apollo's own map type reads every entry as
  // `(parent, args, context)`, which `__resolveReference(reference, context)` is not, hence the cast.
  return resolvers as SubgraphResolvers<StudentsContext>;
}
