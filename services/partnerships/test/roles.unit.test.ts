import { Role } from "@intl/auth";
import { createLogger } from "@intl/subgraph";
import { describeMutationGuards } from "@intl/testing/mutation-guards";
import { describe } from "vitest";
import { buildService, serviceName, typeDefs } from "../src/subgraph.ts";

describe("every partnerships mutation is for ADMIN and INTERNATIONAL_OFFICE only", () => {
  describeMutationGuards({
    typeDefs,
    build: (deps) => buildService({ ...deps, logger: createLogger(serviceName, "silent") }),
    refusedRoles: [Role.ANALYST, Role.FACULTY, Role.PARTNER, Role.IMT_SCHOOL],
  });
});
