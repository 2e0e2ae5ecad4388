import { watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { basename, dirname } from "node:path";
import type { SupergraphManager } from "@apollo/gateway";
import type { Logger } from "pino";
import { composeSupergraph } from "../supergraph.ts";
import type { SubgraphSdl } from "../supergraph.ts";
import { readRegister } from "./subgraphRegister.ts";
import type { ExternalSubgraph } from "./subgraphRegister.ts";

/** What `/ready` says of the register: the schools served and how the last reading went. */
export interface RegisterStatus {
  path: string;
  /** The schools in the supergraph being served. */
  served: string[];
  lastReload: { at: string; outcome: "served" | "kept" | "unchanged"; problems: string[] } | null;
}

export interface RegisterSupergraphOptions {
  /** The register file (SUBGRAPH_REGISTER). */
  path: string;
  /** Our services' subgraphs, composed with the schools'. */
  ours: readonly SubgraphSdl[];
  /** Served when the register names no school, or when it cannot be composed at start. */
  ourSupergraphSdl: string;
  /** Whether a new or changed school answers; a failure keeps the last good supergraph. */
  healthCheck(subgraph: ExternalSubgraph): Promise<string | null>;
  /** Called before the gateway builds its data sources for a new supergraph, with the schools in it. */
  willServe(schools: ReadonlyMap<string, ExternalSubgraph>): void;
  /** Told each reload's outcome (after `/ready` shows it). */
  onReload?(status: RegisterStatus): void;
  logger: Logger;
}

/**
 * Serves our services' supergraph plus the schools of the register, and
 * recomposes whenever the register file changes (the filesystem tells us:
 * nothing polls). A register that cannot be read, a composition that fails or
 * a new school that does not answer its health check leaves the last good
 * supergraph in service; `/ready` says why.
 */
export function registerSupergraph(options: RegisterSupergraphOptions): {
  manager: SupergraphManager;
  status(): RegisterStatus;
} {
  const { path, ours, logger } = options;
  let served = new Map<string, ExternalSubgraph>();
  const status: RegisterStatus = { path, served: [], lastReload: null };

  const record = (outcome: "served" | "kept" | "unchanged", problems: string[]) => {
    status.served = [...served.keys()];
    status.lastReload = { at: new Date().toISOString(), outcome, problems };
    if (outcome === "kept")
      logger.error({ register: path, problems }, "subgraph register: kept the last good supergraph");
    else if (outcome === "served")
      logger.info({ register: path, schools: status.served }, "subgraph register: new supergraph served");
    options.onReload?.(status);
  };

  const compose = (schools: readonly ExternalSubgraph[]) =>
    schools.length === 0
      ? ({ ok: true, supergraphSdl: options.ourSupergraphSdl } as const)
      : composeSupergraph([...ours, ...schools]);

  const manager: SupergraphManager = {
    async initialize({ update }) {
      let initialSdl = options.ourSupergraphSdl;
      const problems: string[] = [];
      try {
        const schools = readRegister(path);
        const composed = compose(schools);
        if (composed.ok) {
          initialSdl = composed.supergraphSdl;
          served = new Map(schools.map((school) => [school.name, school]));
        } else problems.push(...composed.errors);
      } catch (error) {
        problems.push((error as Error).message);
      }
      // At start a school that does not answer is served anyway: its breaker answers for it.
      options.willServe(served);

      const reload = async (): Promise<void> => {
        let schools: ExternalSubgraph[];
        try {
          schools = readRegister(path);
        } catch (error) {
          return record("kept", [(error as Error).message]);
        }
        const changed = schools.filter((school) => !sameSubgraph(served.get(school.name), school));
        if (changed.length === 0 && schools.length === served.size) return record("unchanged", []);
        const composed = compose(schools);
        if (!composed.ok) return record("kept", composed.errors);
        const unhealthy = (await Promise.all(changed.map((school) => options.healthCheck(school)))).filter(
          (problem): problem is string => problem !== null,
        );
        if (unhealthy.length > 0) return record("kept", unhealthy);
        const previous = served;
        served = new Map(schools.map((school) => [school.name, school]));
        options.willServe(served);
        try {
          update(composed.supergraphSdl);
        } catch (error) {
          served = previous;
          options.willServe(served);
          return record("kept", [(error as Error).message]);
        }
        record("served", []);
      };

      // fs.watch fires several times per write: one reload at a time, and one more if told again meanwhile.
      let running: Promise<void> | null = null;
      let again = false;
      const schedule = () => {
        if (running) {
          again = true;
          return;
        }
        running = (async () => {
          do {
            again = false;
            await reload().catch((error: unknown) => record("kept", [String(error)]));
          } while (again);
        })().finally(() => {
          running = null;
        });
      };
      // The directory, not the file: the register is replaced by rename, which a file watch would lose.
      const watcher: FSWatcher = watch(dirname(path), (_event, filename) => {
        if (filename === basename(path)) schedule();
      });
      if (problems.length > 0) record("kept", problems);
      else status.served = [...served.keys()];
      return {
        supergraphSdl: initialSdl,
        cleanup: async () => {
          watcher.close();
          await running;
        },
      };
    },
  };
  return { manager, status: () => status };
}

function sameSubgraph(a: ExternalSubgraph | undefined, b: ExternalSubgraph): boolean {
  return a !== undefined && a.url === b.url && a.sdl === b.sdl && a.timeoutMs === b.timeoutMs;
}
