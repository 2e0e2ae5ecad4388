import { shownCount, shownCountFields } from "@intl/auth";
import type { Viewer } from "@intl/auth";
import type { FlowBalance } from "../domain/kpis.ts";
import type { CountryShareResolvers, FlowBalanceResolvers, Resolvers } from "../generated/resolvers-types.ts";

/** Both directions exactly, or null when either is hidden: the balance would give a hidden one away. */
const visibleBalance = (flow: FlowBalance, viewer: Viewer) =>
  shownCount(viewer, flow.incoming).value === null || shownCount(viewer, flow.outgoing).value === null
    ? null
    : flow.balance;

/** Flows with a partner, as one viewer may see them (PartnerFlow and FlowBalance alike). */
const flowFields = {
  ...shownCountFields<FlowBalance, "incoming" | "outgoing">("incoming", "outgoing"),
  balance: (flow, _args, { viewer }) => visibleBalance(flow, viewer),
} satisfies FlowBalanceResolvers;

/**
 * Counts of people by nationality or partner, each through @intl/auth's shownCount: an ANALYST
 * sees "<5" for 1 to 4 people (and no share or balance that would give the number away).
 */
export const smallCountResolvers: Pick<Resolvers, "CountryShare" | "FlowBalance" | "PartnerFlow"> = {
  CountryShare: {
    ...shownCountFields<{ count: number }, "count">("count"),
    share: (country, _args, { viewer }) =>
      shownCount(viewer, country.count).value === null ? null : country.share,
  } satisfies CountryShareResolvers,
  FlowBalance: flowFields,
  PartnerFlow: flowFields,
};
