import { spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePorts } from "./helpers.ts";

export interface StartInfraOptions {
  /**
   * State directory for data, logs and pid files. Default: a fresh temporary directory under
   * `os.tmpdir()`, removed by `stop()`. A directory given here is kept by `stop()`.
   */
  stateDir?: string;
}

export interface Infra {
  /** Kafka bootstrap servers, e.g. `['127.0.0.1:40123']`. */
  kafkaBrokers: string[];
  /** MongoDB connection string (FerretDB, or `MONGODB_URI` when set), e.g. `mongodb://127.0.0.1:40125/`. */
  mongoUri: string;
  /** Stops Kafka, FerretDB and PostgreSQL and removes the temporary state directory. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Walks up from `start` to the directory that contains `infra/start.sh` (the repository root).
 */
export function findRepoRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "infra", "start.sh"))) return dir;
    if (dirname(dir) === dir) {
      throw new Error(`cannot find the repository root (a directory with infra/start.sh) above ${start}`);
    }
  }
}

/** Runs `bash <script>` with progress on our stderr; rejects on a non-zero exit. */
function runScript(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script], { env, stdio: ["ignore", "pipe", "pipe"] });
    // Everything goes to stderr: the scripts' progress lines and their final summary.
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.once("error", reject);
    child.once("close", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${script} failed (${signal ?? `exit code ${code}`}); its output is above`));
    });
  });
}

/**
 * Starts a private Kafka broker, PostgreSQL and FerretDB on it (or FerretDB on SQLite with
 * `FERRETDB_HANDLER=sqlite`) on free ports for a test run: runs `infra/install.sh` (seconds when
 * cached) then `infra/start.sh` with a fresh state directory, streaming their progress to stderr.
 * PostgreSQL runs without fsync (`POSTGRES_DURABLE=0`): the data is thrown away. When
 * `MONGODB_URI` is set, neither FerretDB nor PostgreSQL is started and that MongoDB is used instead.
 *
 * Call `stop()` when done; if the process exits without it, the infra is stopped on exit.
 */
export async function startInfra(options: StartInfraOptions = {}): Promise<Infra> {
  const externalMongoUri = process.env.MONGODB_URI || undefined;
  if (process.env.INFRA_SKIP_FERRETDB === "1" && !externalMongoUri) {
    throw new Error("INFRA_SKIP_FERRETDB=1 needs MONGODB_URI (the MongoDB to test against)");
  }
  const root = findRepoRoot();
  const ownsStateDir = options.stateDir === undefined;
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), "intl-infra-")));
  // mkdtemp makes the directory private (0700). As root, PostgreSQL runs as an unprivileged user
  // who must enter it to reach its data dir inside (infra/start.sh would otherwise keep the data
  // under /var/tmp, which removing the state dir does not clean).
  if (ownsStateDir) await chmod(stateDir, 0o711);
  const [kafkaPort, controllerPort, ferretdbPort, postgresPort] = await freePorts(4);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    INFRA_STATE_DIR: stateDir,
    KAFKA_PORT: String(kafkaPort),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    FERRETDB_PORT: String(ferretdbPort),
    POSTGRES_PORT: String(postgresPort),
    // The test data is thrown away: PostgreSQL need not wait for the disk.
    POSTGRES_DURABLE: "0",
  };
  const stopScript = join(root, "infra", "stop.sh");

  // Last resort when the process exits without stop() (e.g. vitest interrupted by Ctrl-C):
  // the infra runs in its own session, so nothing else would stop it.
  const stopSync = (): void => {
    spawnSync("bash", [stopScript], { env, stdio: "ignore" });
    if (ownsStateDir) rmSync(stateDir, { recursive: true, force: true });
  };
  process.once("exit", stopSync);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      try {
        await runScript(stopScript, env);
      } finally {
        process.removeListener("exit", stopSync);
        if (ownsStateDir) await rm(stateDir, { recursive: true, force: true });
      }
    })();
    return stopping;
  };

  try {
    await runScript(join(root, "infra", "install.sh"), env);
    await runScript(join(root, "infra", "start.sh"), env);
  } catch (error) {
    // start.sh already stopped what it started; this also removes the state directory.
    await stop().catch(() => {});
    throw error;
  }

  return {
    kafkaBrokers: [`127.0.0.1:${kafkaPort}`],
    // infra/start.sh skips FerretDB when MONGODB_URI names another server: then that one is used.
    mongoUri: externalMongoUri ?? `mongodb://127.0.0.1:${ferretdbPort}/`,
    stop,
  };
}
