import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import mongoose from "mongoose";

/** Commands that read or write data; driver heartbeats and the bench's own serverStatus are left out. */
const DATA_COMMANDS = [
  "find",
  "getMore",
  "aggregate",
  "count",
  "distinct",
  "insert",
  "update",
  "delete",
  "findAndModify",
] as const;

/** Reads the store's own command counters (`serverStatus().metrics.commands`: MongoDB and FerretDB both keep them). */
export class StoreCommandCounter {
  private readonly client: mongoose.mongo.MongoClient;

  constructor(uri: string) {
    this.client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 3000 });
  }

  async total(): Promise<number | null> {
    try {
      const status = (await this.client.db("admin").command({ serverStatus: 1 })) as {
        metrics?: { commands?: Record<string, { total?: unknown } | undefined> };
      };
      const commands = status.metrics?.commands;
      if (!commands) return null;
      return DATA_COMMANDS.reduce((sum, name) => sum + Number(commands[name]?.total ?? 0), 0);
    } catch {
      return null;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Parent of every live process, from /proc. */
function parentsByPid(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

/**
 * The store's processes started by infra/start.sh for `stateDir`: every pid file in it (and one
 * level below, such as PostgreSQL's postmaster.pid) except Kafka's, with all their descendants.
 */
export function storeProcesses(stateDir: string): number[] {
  const roots: number[] = [];
  const visit = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth === 0) visit(path, 1);
      else if (entry.isFile() && entry.name.endsWith(".pid") && !entry.name.startsWith("kafka")) {
        const pid = readPid(path);
        if (pid !== null) roots.push(pid);
      }
    }
  };
  visit(stateDir, 0);
  const parents = parentsByPid();
  const members = new Set(roots.filter((pid) => parents.has(pid)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, parent] of parents) {
      if (!members.has(pid) && members.has(parent)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return [...members];
}

function cpuTicks(pids: readonly number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Ended meanwhile: its time is no longer counted.
    }
  }
  return ticks;
}

/** CPU used by `pids` over `seconds`, in cores (1 = one core fully busy). */
export async function cpuCores(pids: readonly number[], seconds: number): Promise<number> {
  const before = cpuTicks(pids);
  const started = process.hrtime.bigint();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return (cpuTicks(pids) - before) / CLOCK_TICKS_PER_SECOND / elapsed;
}
