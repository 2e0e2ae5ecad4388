import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { readSubgraphSdls } from "../subgraphCatalogue.ts";
import type { SubgraphSdl } from "../supergraph.ts";
import { checkRegisterChange, describeReport, isAccepted } from "./subgraphCheck.ts";
import type { RegisterChange } from "./subgraphCheck.ts";
import {
  defaultExternalTimeoutMs,
  defaultRegisterPath,
  readRegister,
  writeRegister,
} from "./subgraphRegister.ts";

export const SUBGRAPH_USAGE = `Usage:
  npm run subgraph:check   -- --name imt-<school> (--schema <file> | --url <url>)
  npm run subgraph:publish -- --name imt-<school> --url <url> --owner "<name> <email>" [--schema <file>] [--timeout-ms <ms>]
  npm run subgraph:remove  -- --name imt-<school>

  --name <imt-school>         the subgraph's name (imt-<school>)
  --schema <file>             its SDL; without it, read from --url (query { _service { sdl } })
  --url <url>                 where the gateway reaches its /graphql
  --owner "<name> <email>"    who answers for it (publish)
  --timeout-ms <ms>           how long the gateway waits for it (default ${defaultExternalTimeoutMs})
  --accept-breaking-changes   publish or remove even though existing clients' operations break
  --register <file>           the register (default: SUBGRAPH_REGISTER, else gateway/subgraphs/register.json)

Docs: docs/federating-a-school.md`;

export type SubgraphCommandName = "check" | "publish" | "remove";

export interface SubgraphCommandResult {
  exitCode: 0 | 1;
  stdout: string;
  stderr: string;
}

export interface SubgraphCommandOptions {
  env: Record<string, string | undefined>;
  /** Our services' subgraphs (default: services/star/src/schema.graphql). */
  ours?: readonly SubgraphSdl[];
  /** Relative paths are read from here (default: INIT_CWD, where npm was run, else the process's). */
  cwd?: string;
  now?: () => Date;
}

const usageError = (message: string): SubgraphCommandResult => ({
  exitCode: 1,
  stdout: "",
  stderr: `${message}\n\n${SUBGRAPH_USAGE}\n`,
});

/** Runs `npm run subgraph:<command> -- <args>` and says what to print; writes the register on publish and remove. */
export async function runSubgraphCommand(
  command: SubgraphCommandName,
  args: string[],
  options: SubgraphCommandOptions,
): Promise<SubgraphCommandResult> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        name: { type: "string" },
        schema: { type: "string" },
        url: { type: "string" },
        owner: { type: "string" },
        "timeout-ms": { type: "string" },
        "accept-breaking-changes": { type: "boolean", default: false },
        register: { type: "string" },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    return usageError((error as Error).message);
  }
  if (values.help) return { exitCode: 0, stdout: `${SUBGRAPH_USAGE}\n`, stderr: "" };
  const cwd = options.cwd ?? options.env["INIT_CWD"] ?? process.cwd();
  const registerPath = resolve(
    cwd,
    values.register ?? options.env["SUBGRAPH_REGISTER"] ?? defaultRegisterPath,
  );
  const name = values.name;
  if (!name) return usageError("Missing --name imt-<school>.");
  const acceptBreakingChanges = values["accept-breaking-changes"];

  let registered;
  try {
    registered = readRegister(registerPath);
  } catch (error) {
    return { exitCode: 1, stdout: "", stderr: `Cannot read the register: ${(error as Error).message}\n` };
  }
  const ours = options.ours ?? readSubgraphSdls().found;

  let change: RegisterChange;
  let timeoutMs = defaultExternalTimeoutMs;
  if (command === "remove") {
    change = { kind: "remove", name };
  } else {
    if (command === "publish" && !values.url)
      return usageError("publish needs --url: where the gateway reaches the subgraph.");
    if (command === "publish" && !values.owner) return usageError('publish needs --owner "<name> <email>".');
    if (!values.schema && !values.url) return usageError("Give the schema: --schema <file> or --url <url>.");
    if (values["timeout-ms"] !== undefined) {
      timeoutMs = Number(values["timeout-ms"]);
      if (!Number.isInteger(timeoutMs) || timeoutMs <= 0)
        return usageError("--timeout-ms must be a positive whole number.");
    }
    const sdl = values.schema
      ? readSchemaFile(resolve(cwd, values.schema))
      : await fetchServiceSdl(values.url!);
    if (!sdl.ok) return { exitCode: 1, stdout: "", stderr: `${sdl.problem}\n` };
    change = {
      kind: "publish",
      subgraph: { name, url: values.url ?? `http://127.0.0.1/${name}`, sdl: sdl.sdl },
    };
  }

  const report = checkRegisterChange({ ours, registered, change });
  const text = describeReport(report, { acceptBreakingChanges });
  if (!isAccepted(report, { acceptBreakingChanges })) return { exitCode: 1, stdout: text, stderr: "" };
  if (command === "check") return { exitCode: 0, stdout: text, stderr: "" };

  const now = (options.now ?? (() => new Date()))().toISOString();
  const others = registered.filter((subgraph) => subgraph.name !== name);
  if (change.kind === "publish") {
    writeRegister(registerPath, [
      ...others,
      { ...change.subgraph, owner: values.owner!, timeoutMs, publishedAt: now },
    ]);
    return {
      exitCode: 0,
      stdout: `${text}Published ${name} (${change.subgraph.url}) in ${registerPath}. The running gateway recomposes on its own; its /ready shows the outcome.\n`,
      stderr: "",
    };
  }
  writeRegister(registerPath, others);
  return {
    exitCode: 0,
    stdout: `${text}Removed ${name} from ${registerPath}. The running gateway recomposes without it.\n`,
    stderr: "",
  };
}

type SdlReading = { ok: true; sdl: string } | { ok: false; problem: string };

function readSchemaFile(path: string): SdlReading {
  try {
    return { ok: true, sdl: readFileSync(path, "utf8") };
  } catch (error) {
    return { ok: false, problem: `Cannot read the schema file ${path}: ${(error as Error).message}` };
  }
}

/** Asks a running subgraph for its SDL (`query { _service { sdl } }`, federation's own field). */
export async function fetchServiceSdl(url: string): Promise<SdlReading> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query SubgraphSdl { _service { sdl } }" }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as {
      data?: { _service?: { sdl?: string } };
      errors?: { message: string }[];
    };
    const sdl = body.data?._service?.sdl;
    if (typeof sdl === "string") return { ok: true, sdl };
    const why = body.errors?.map((e) => e.message).join("; ") ?? `HTTP ${response.status}`;
    return { ok: false, problem: `${url} did not give its schema through _service { sdl }: ${why}` };
  } catch (error) {
    return { ok: false, problem: `Cannot read the schema from ${url}: ${(error as Error).message}` };
  }
}
