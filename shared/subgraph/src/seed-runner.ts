import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "@intl/config";
import type { ServiceConfig } from "@intl/config";
import type { Admin, Kafka } from "kafkajs";
import type { HandledEvent } from "./service-definition.ts";
import { settingsOrExit, startServiceRuntime } from "./service-runtime.ts";
import type { RunnableService, ServiceRuntimeDeps } from "./service-runtime.ts";

/** How long a seed waits for what it needs from the other services, at most (SEED_WAIT_SECONDS). */
export const DEFAULT_SEED_WAIT_SECONDS = 300;
/** Without an orchestrator, the read model counts as complete once no event arrived for this long. */
const QUIET_MS = 3000;
/** How often the waiting looks at the other seeds' milestones and its consumer's position. */
const LOOK_MS = 1000;
/** At most one progress line per interval while nothing is decided. */
const PROGRESS_MS = 5000;

/** What a seed needs of its service: the shared definition's handles (see `defineSubgraphService`). */
export interface SeedableService extends RunnableService {
  publishPendingEvents(): Promise<number>;
  onEventHandled(listener: (event: HandledEvent) => void): () => void;
  readonly consumer: { readonly kafkaGroupId: string; readonly topics: readonly string[] } | null;
}

/** A milestone another seed announces (`announce`), e.g. `{ service: "partnerships", milestone: "partners" }`. */
export interface SeedMilestone {
  service: string;
  milestone: string;
}

/** What a seed waits for in its own read models, and which other seeds' milestones bring it. */
export interface ReadModelNeed {
  /** Said in the progress lines, e.g. "the partnerships agreements". */
  what: string;
  /** The milestones after which nothing more of it will come. */
  from: readonly SeedMilestone[];
  /** Reads the read models: a summary for the progress lines, and whether it is enough on its own. */
  measure(): Promise<{ summary: string; enough: boolean }>;
}

export interface WaitOutcome {
  summary: string;
  /** `delivered`: the milestones were announced and every event before them consumed; `enough`: the read model is enough and quiet (no orchestrator); `timed-out`: SEED_WAIT_SECONDS passed. */
  reason: "delivered" | "enough" | "timed-out";
}

export interface Seed<S extends SeedableService, C extends ServiceConfig> {
  /** The service, started (store, relay, consumer; no HTTP): its `app` loads the demo data. */
  service: S;
  config: C;
  /** One progress line, prefixed once with `[<service> seed]`. */
  progress(message: string): void;
  /** Waits until the read model has what the seed needs (see `waitForReadModel`). */
  waitFor(need: ReadModelNeed): Promise<WaitOutcome>;
  /** Publishes what is pending, then tells the other seeds `milestone` is reached. */
  announce(milestone: string): Promise<void>;
}

/** The settings every seed shares (environment variables). */
export interface SeedSettings {
  /** SEED_WAIT_SECONDS: the one bound on every wait (default 300). */
  waitSeconds: number;
  /**
   * SEED_STATUS_DIR: where seeds started together (infra/dev.sh) announce their milestones, one
   * empty file each (`<service>.<milestone>`, `<service>.finished` at the end, whatever the outcome).
   * Unset: the seed runs alone and waits until its read model is enough and quiet, or the bound.
   */
  statusDir: string | null;
}

export function seedSettingsFrom(env: Record<string, string | undefined> = process.env): SeedSettings {
  const raw = env.SEED_WAIT_SECONDS ?? String(DEFAULT_SEED_WAIT_SECONDS);
  const waitSeconds = Number(raw);
  if (!Number.isInteger(waitSeconds) || waitSeconds < 0)
    throw new ConfigError("seed", [
      { variable: "SEED_WAIT_SECONDS", message: "must be a whole number of seconds" },
    ]);
  return { waitSeconds, statusDir: env.SEED_STATUS_DIR || null };
}

/** The milestones of the seeds started together: announced and looked for as files in one directory. */
export function seedMilestones(statusDir: string | null) {
  const file = (service: string, milestone: string) => join(statusDir ?? "", `${service}.${milestone}`);
  return {
    orchestrated: statusDir !== null,
    announce(service: string, milestone: string): void {
      if (statusDir === null) return;
      mkdirSync(statusDir, { recursive: true });
      writeFileSync(file(service, milestone), "");
    },
    /** Reached, or never coming: a seed that finished (even failing) announces nothing more. */
    settled({ service, milestone }: SeedMilestone): boolean {
      return existsSync(file(service, milestone)) || existsSync(file(service, "finished"));
    },
  };
}

/**
 * Messages of the consumer's topics that its group has not committed yet (the high watermark
 * minus the committed offset, or minus the low watermark for a partition never committed).
 */
export async function unconsumedMessages(
  admin: Admin,
  consumer: { kafkaGroupId: string; topics: readonly string[] },
): Promise<number> {
  const committed = await admin.fetchOffsets({
    groupId: consumer.kafkaGroupId,
    topics: [...consumer.topics],
  });
  let behind = 0;
  for (const topic of consumer.topics) {
    const positions = committed.find((entry) => entry.topic === topic)?.partitions ?? [];
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const at = Number(positions.find((position) => position.partition === end.partition)?.offset ?? -1);
      behind += Math.max(0, Number(end.high) - (at >= 0 ? at : Number(end.low)));
    }
  }
  return behind;
}

/**
 * Waits until the read model has what the seed needs, and never for what will not come:
 * - started with the other seeds (SEED_STATUS_DIR), it ends once each seed it needs announced
 *   its milestone (or finished, even failing) and the service's consumer has consumed every
 *   event published before (so the demo is the same at every run, whatever the timing);
 * - alone, once the read model is enough and no event arrived for a few seconds;
 * - in any case after SEED_WAIT_SECONDS.
 * The read model is read again when the service's consumer reports a handled event (it is told,
 * not polling the store); milestones and the consumer's position are looked at every second.
 */
export async function waitForReadModel(options: {
  need: ReadModelNeed;
  service: SeedableService;
  kafka: Kafka;
  settings: SeedSettings;
  progress: (message: string) => void;
}): Promise<WaitOutcome> {
  const { need, service, settings, progress } = options;
  const milestones = seedMilestones(settings.statusDir);
  const deadline = Date.now() + settings.waitSeconds * 1000;
  let lastEventAt = Date.now();
  let changed = true;
  let wake: (() => void) | null = null;
  const unsubscribe = service.onEventHandled(() => {
    lastEventAt = Date.now();
    changed = true;
    wake?.();
  });
  let admin: Admin | null = null;
  let measured = await need.measure();
  let reported = "";
  let reportedAt = 0;
  const report = (line: string, force = false) => {
    if (line === reported || (!force && Date.now() - reportedAt < PROGRESS_MS)) return;
    progress(line);
    reported = line;
    reportedAt = Date.now();
  };
  progress(
    `waiting for ${need.what} (${need.from.map((m) => `${m.service}: ${m.milestone}`).join(", ") || "no other seed"}; at most ${settings.waitSeconds}s)`,
  );
  try {
    for (;;) {
      if (changed) {
        changed = false;
        measured = await need.measure();
      }
      report(`  ${measured.summary}`);
      if (milestones.orchestrated) {
        const pending = need.from.filter((milestone) => !milestones.settled(milestone));
        if (pending.length === 0 && service.consumer) {
          if (!admin) {
            admin = options.kafka.admin();
            await admin.connect();
          }
          const behind = await unconsumedMessages(admin, service.consumer);
          if (behind === 0) {
            measured = await need.measure();
            progress(`  ${measured.summary} (every event announced is consumed)`);
            return { summary: measured.summary, reason: "delivered" };
          }
          report(`  ${measured.summary}; ${behind} events still to consume`);
        }
      } else if (measured.enough && Date.now() - lastEventAt >= QUIET_MS) {
        return { summary: measured.summary, reason: "enough" };
      }
      if (Date.now() >= deadline) {
        progress(`  gave up waiting after ${settings.waitSeconds}s (SEED_WAIT_SECONDS): ${measured.summary}`);
        return { summary: measured.summary, reason: "timed-out" };
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(LOOK_MS, Math.max(0, deadline - Date.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  } finally {
    unsubscribe();
    await admin?.disconnect();
  }
}

/**
 * A service's whole `seed/main.ts`: reads the service's settings (a placeholder token secret
 * when none is set: a seed answers no request), starts the service without HTTP (its relay
 * and consumer run, so events flow both ways), runs `run`, publishes what is pending, tells
 * the other seeds it finished (whatever the outcome), stops the service and exits (1 on failure).
 */
export async function runSeed<S extends SeedableService, C extends ServiceConfig>(options: {
  name: string;
  loadConfig: (env: Record<string, string | undefined>) => C;
  build: (deps: ServiceRuntimeDeps, config: C) => S;
  run: (seed: Seed<S, C>) => Promise<void>;
}): Promise<never> {
  const startedAt = Date.now();
  const progress = (message: string) => console.log(`[${options.name} seed] ${message}`);
  const env = { AUTH_JWT_SECRET: "the-seed-verifies-no-token-0123456789", ...process.env };
  const config = settingsOrExit(() => options.loadConfig(env));
  const settings = settingsOrExit(() => seedSettingsFrom(env));
  const milestones = seedMilestones(settings.statusDir);
  let exitCode = 0;
  try {
    const started = await startServiceRuntime({
      name: `${options.name}-seed`,
      config,
      build: (deps) => options.build(deps, config),
      // The service stays quiet: the seed's progress lines are what the operator follows.
      logLevel: config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL,
    });
    try {
      progress(`demo data into database ${config.MONGODB_DATABASE}`);
      await options.run({
        service: started.service,
        config,
        progress,
        waitFor: (need) =>
          waitForReadModel({ need, service: started.service, kafka: started.kafka, settings, progress }),
        async announce(milestone) {
          await started.service.publishPendingEvents();
          milestones.announce(options.name, milestone);
        },
      });
      const published = await started.service.publishPendingEvents();
      progress(`done (${published} events published now; the others were published as they were written)`);
    } finally {
      // Stops the consumer, then the relay, which publishes what the last operations queued.
      await started.close();
    }
  } catch (error) {
    console.error(`[${options.name} seed] failed:`, error);
    exitCode = 1;
  } finally {
    milestones.announce(options.name, "finished");
  }
  progress(`finished in ${((Date.now() - startedAt) / 1000).toFixed(1)}s`);
  process.exit(exitCode);
}
