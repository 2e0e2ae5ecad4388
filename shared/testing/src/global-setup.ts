/**
 * Vitest globalSetup for the `integration` and `e2e` projects (see shared/tooling/vitest.config.ts).
 *
 * Starts Kafka and FerretDB (on PostgreSQL) once per vitest run and provides their addresses to
 * tests:
 *
 *   import { inject } from 'vitest';
 *   const brokers = inject('kafkaBrokers'); // string[]
 *   const mongoUri = inject('mongoUri');    // string
 *
 * Vitest runs a project's globalSetup only when that project has test files selected, and
 * runs it once per project. Both projects use this file, so the started infra is shared
 * through `globalThis` (the setups run in the same vitest process) with a reference count:
 * the first setup starts it, the last teardown stops it. So `vitest run --project unit`
 * starts nothing, and a run with integration and e2e tests starts the infra once.
 *
 * To reuse infrastructure that is already running (e.g. `npm run infra:start`), set both
 * TEST_KAFKA_BROKERS (comma-separated host:port list) and TEST_MONGODB_URI.
 */
import type { TestProject } from "vitest/node";
import { startInfra } from "./infra.ts";
import type { Infra } from "./infra.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Kafka bootstrap servers of the test infrastructure, e.g. `['127.0.0.1:40123']`. */
    kafkaBrokers: string[];
    /** MongoDB connection string of the test infrastructure (no database path). */
    mongoUri: string;
  }
}

/** What tests receive through `inject()`. */
export interface InfraContext {
  kafkaBrokers: string[];
  mongoUri: string;
}

interface SharedInfra {
  infra: Promise<Infra>;
  users: number;
}

const SHARED = Symbol.for("@intl/testing/global-setup/infra");
const registry = globalThis as typeof globalThis & { [SHARED]?: SharedInfra };

function fromEnvironment(): InfraContext | undefined {
  const brokers = process.env.TEST_KAFKA_BROKERS?.trim();
  const mongoUri = process.env.TEST_MONGODB_URI?.trim();
  if (!brokers || !mongoUri) return undefined;
  return {
    kafkaBrokers: brokers
      .split(",")
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ""),
    mongoUri,
  };
}

export default async function setup({ provide }: Pick<TestProject, "provide">): Promise<() => Promise<void>> {
  const existing = fromEnvironment();
  if (existing) {
    console.error(
      `[@intl/testing] using running infra: kafka ${existing.kafkaBrokers.join(",")}, ${existing.mongoUri}`,
    );
    provide("kafkaBrokers", existing.kafkaBrokers);
    provide("mongoUri", existing.mongoUri);
    return async () => {};
  }

  let shared = registry[SHARED];
  if (!shared) {
    console.error("[@intl/testing] starting test infra (Kafka, FerretDB on PostgreSQL)…");
    const created: SharedInfra = { infra: startInfra(), users: 0 };
    registry[SHARED] = created;
    // A failed start must not be reused by the next project's setup.
    created.infra.catch(() => {
      if (registry[SHARED] === created) delete registry[SHARED];
    });
    shared = created;
  }
  shared.users++;
  const owner = shared;
  let infra: Infra;
  try {
    infra = await owner.infra;
  } catch (error) {
    owner.users--;
    throw error;
  }
  provide("kafkaBrokers", infra.kafkaBrokers);
  provide("mongoUri", infra.mongoUri);

  let released = false;
  return async () => {
    if (released) return;
    released = true;
    owner.users--;
    if (owner.users === 0) {
      if (registry[SHARED] === owner) delete registry[SHARED];
      await infra.stop();
    }
  };
}
