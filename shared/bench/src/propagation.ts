import { closeSync, existsSync, openSync, readSync, readdirSync, statSync, watch } from "node:fs";
import type { FSWatcher } from "node:fs";
import { basename, join } from "node:path";
import { graphql } from "./graphqlClient.ts";

const EVENT_TYPE = "partnerships.institution.updated.v1";

interface Institution {
  id: string;
  name: string;
  countryCode: string;
  city: string | null;
  website: string | null;
  identifiers: { schac: string | null; erasmus: string | null; pic: string | null; ror: string | null };
}

interface Write {
  subject: string;
  sentAt: number;
  answeredAt: number | null;
  /** Consumer service → when its log says the event was processed. */
  processedAt: Map<string, number>;
}

export interface PropagationFigures {
  writes: number;
  failedWrites: number;
  /** The first few distinct failure messages. */
  failures: string[];
  /** Per consuming service: how many writes it saw, p50 and p99 in ms from the mutation's answer. */
  consumers: Record<string, { seen: number; p50Ms: number; p99Ms: number; maxMs: number }>;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Follows the services' JSON log files (told by the file system, no polling) and reports each
 * "event processed" line of the watched type.
 */
class LogFollower {
  private readonly watchers: FSWatcher[] = [];
  private readonly offsets = new Map<string, number>();

  constructor(
    private readonly logsDir: string,
    private readonly onLine: (service: string, line: Record<string, unknown>) => void,
  ) {}

  start(): string[] {
    const files = readdirSync(this.logsDir).filter(
      (file) => file.endsWith(".log") && !file.endsWith("-seed.log") && file !== "gateway.log",
    );
    for (const file of files) {
      const path = join(this.logsDir, file);
      this.offsets.set(path, statSync(path).size);
      this.watchers.push(watch(path, () => this.read(path)));
    }
    return files.map((file) => basename(file, ".log"));
  }

  private read(path: string): void {
    const from = this.offsets.get(path) ?? 0;
    const size = statSync(path).size;
    if (size <= from) return;
    const buffer = Buffer.alloc(size - from);
    const fd = openSync(path, "r");
    try {
      readSync(fd, buffer, 0, buffer.length, from);
    } finally {
      closeSync(fd);
    }
    const text = buffer.toString("utf8");
    const complete = text.lastIndexOf("\n") + 1;
    this.offsets.set(path, from + Buffer.byteLength(text.slice(0, complete)));
    const service = basename(path, ".log");
    for (const raw of text.slice(0, complete).split("\n")) {
      if (!raw.includes(EVENT_TYPE)) continue;
      try {
        this.onLine(service, JSON.parse(raw) as Record<string, unknown>);
      } catch {
        // Not a JSON line.
      }
    }
  }

  stop(): void {
    for (const watcher of this.watchers) watcher.close();
  }
}

const INSTITUTIONS = `query BenchPropagationTargets {
  institutions(first: 100) {
    nodes { id name countryCode city website identifiers { schac erasmus pic ror } }
  }
}`;

const UPDATE = `mutation BenchRename($id: ID!, $input: InstitutionInput!) {
  updateInstitution(id: $id, input: $input) { id }
}`;

function inputFor(institution: Institution, name: string) {
  return {
    name,
    countryCode: institution.countryCode,
    city: institution.city,
    website: institution.website,
    identifiers: institution.identifiers,
  };
}

/**
 * Renames demo institutions at a steady rate through the gateway (`updateInstitution`, whose
 * event other services consume) and measures, for each consuming service, the time from the
 * mutation's answer to its log line "event processed". Names are restored afterwards.
 */
export async function measurePropagation(options: {
  url: string;
  token: string;
  logsDir: string;
  writesPerSecond: number;
  durationSeconds: number;
}): Promise<PropagationFigures> {
  if (!existsSync(options.logsDir)) throw new Error(`no service logs at ${options.logsDir}`);
  const { institutions } = await graphql<{ institutions: { nodes: Institution[] } }>(
    options.url,
    options.token,
    INSTITUTIONS,
  );
  const targets = institutions.nodes;
  if (targets.length === 0) throw new Error("no institutions to rename: load the demo data first");

  const writes: Write[] = [];
  const latestBySubject = new Map<string, Write[]>();
  const follower = new LogFollower(options.logsDir, (service, line) => {
    if (line["msg"] !== "event processed" || line["type"] !== EVENT_TYPE) return;
    const subject = String(line["subject"]);
    // pino writes epoch milliseconds, or an ISO string with the services' time format.
    const time = typeof line["time"] === "number" ? line["time"] : Date.parse(String(line["time"]));
    // The write this line answers: the latest one sent before it was processed.
    const candidates = latestBySubject.get(subject) ?? [];
    const write = [...candidates].reverse().find((candidate) => candidate.sentAt <= time);
    if (write && !write.processedAt.has(service)) write.processedAt.set(service, time);
  });
  follower.start();

  const renamedCount = new Map<string, number>();
  let failedWrites = 0;
  const failures = new Set<string>();
  const inFlight: Promise<void>[] = [];
  const total = Math.round(options.writesPerSecond * options.durationSeconds);
  const intervalMs = 1000 / options.writesPerSecond;
  const started = Date.now();
  for (let index = 0; index < total; index++) {
    const due = started + index * intervalMs;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const institution = targets[index % targets.length] as Institution;
    const count = (renamedCount.get(institution.id) ?? 0) + 1;
    renamedCount.set(institution.id, count);
    const name = count % 2 === 1 ? `${institution.name} (bench)` : institution.name;
    const write: Write = {
      subject: institution.id,
      sentAt: Date.now(),
      answeredAt: null,
      processedAt: new Map(),
    };
    writes.push(write);
    latestBySubject.set(institution.id, [...(latestBySubject.get(institution.id) ?? []), write]);
    inFlight.push(
      graphql(options.url, options.token, UPDATE, { id: institution.id, input: inputFor(institution, name) })
        .then(() => {
          write.answeredAt = Date.now();
        })
        .catch((error: unknown) => {
          failedWrites++;
          if (failures.size < 5) failures.add(error instanceof Error ? error.message : String(error));
        }),
    );
  }
  await Promise.all(inFlight);
  // Stragglers: give the consumers 10 s to report the last writes.
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  follower.stop();

  // Put the demo names back.
  for (const institution of targets) {
    if ((renamedCount.get(institution.id) ?? 0) % 2 === 1)
      await graphql(options.url, options.token, UPDATE, {
        id: institution.id,
        input: inputFor(institution, institution.name),
      }).catch(() => undefined);
  }

  const byService = new Map<string, number[]>();
  for (const write of writes) {
    if (write.answeredAt === null) continue;
    for (const [service, at] of write.processedAt) {
      const list = byService.get(service) ?? [];
      list.push(Math.max(0, at - write.answeredAt));
      byService.set(service, list);
    }
  }
  const consumers: PropagationFigures["consumers"] = {};
  for (const [service, latencies] of byService) {
    latencies.sort((a, b) => a - b);
    consumers[service] = {
      seen: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? Number.NaN,
    };
  }
  return { writes: writes.length, failedWrites, failures: [...failures], consumers };
}
