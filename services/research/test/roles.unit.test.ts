import { Role } from "@intl/auth";
import { createLogger } from "@intl/subgraph";
import { describeMutationGuards } from "@intl/testing/mutation-guards";
import { describe } from "vitest";
import { buildService, serviceName, typeDefs } from "../src/subgraph.ts";

describe("no research mutation is open to an anonymous caller, an analyst or another school", () => {
  describeMutationGuards({
    typeDefs,
    build: (deps) => buildService({ ...deps, logger: createLogger(serviceName, "silent") }),
    refusedRoles: [Role.ANALYST, Role.IMT_SCHOOL],
  });
});
