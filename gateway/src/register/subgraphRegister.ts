import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { SubgraphSdl } from "../supergraph.ts";

/** The register in this repository: what the running gateway serves (SUBGRAPH_REGISTER overrides it). */
export const defaultRegisterPath = fileURLToPath(new URL("../../subgraphs/register.json", import.meta.url));

/** How long the gateway waits for a school's subgraph when none is registered (`--timeout-ms`). */
export const defaultExternalTimeoutMs = 2000;

const entrySchema = z.object({
  name: z.string(),
  url: z.url({ protocol: /^https?$/ }),
  /** The SDL file, beside the register. */
  schema: z.string(),
  /** Who answers for it: "Name <email>". */
  owner: z.string().min(1),
  timeoutMs: z.number().int().positive().default(defaultExternalTimeoutMs),
  publishedAt: z.string(),
});

const registerSchema = z.object({ about: z.string().optional(), subgraphs: z.array(entrySchema) });

export type RegisterEntry = z.infer<typeof entrySchema>;

/** A registered school's subgraph with its SDL read. */
export interface ExternalSubgraph extends SubgraphSdl {
  owner: string;
  timeoutMs: number;
  publishedAt: string;
}

/**
 * Reads the register and each school's SDL file. Throws a plain Error naming
 * the file on anything unreadable: the caller keeps what it had.
 */
export function readRegister(path: string): ExternalSubgraph[] {
  if (!existsSync(path)) return [];
  const parsed = registerSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success)
    throw new Error(`${path} is not a subgraph register: ${z.prettifyError(parsed.error)}`);
  return parsed.data.subgraphs.map((entry) => ({
    name: entry.name,
    url: entry.url,
    sdl: readFileSync(join(dirname(path), entry.schema), "utf8"),
    owner: entry.owner,
    timeoutMs: entry.timeoutMs,
    publishedAt: entry.publishedAt,
  }));
}

/**
 * Writes the register so that a reader (the gateway's watcher) only ever sees
 * a whole one: the schema files first, each by rename, then the register by
 * rename; a removed school's file goes last, once no register names it.
 */
export function writeRegister(path: string, subgraphs: readonly ExternalSubgraph[]): void {
  const directory = dirname(path);
  const previous = existsSync(path) ? readRegister(path).map((s) => s.name) : [];
  const entries: RegisterEntry[] = subgraphs.map((subgraph) => {
    const schema = `${subgraph.name}.graphql`;
    writeWhole(join(directory, schema), subgraph.sdl.endsWith("\n") ? subgraph.sdl : `${subgraph.sdl}\n`);
    return {
      name: subgraph.name,
      url: subgraph.url,
      schema,
      owner: subgraph.owner,
      timeoutMs: subgraph.timeoutMs,
      publishedAt: subgraph.publishedAt,
    };
  });
  const about = existsSync(path)
    ? registerSchema.parse(JSON.parse(readFileSync(path, "utf8"))).about
    : undefined;
  writeWhole(path, `${JSON.stringify({ ...(about ? { about } : {}), subgraphs: entries }, null, 2)}\n`);
  for (const name of previous) {
    if (!subgraphs.some((subgraph) => subgraph.name === name))
      rmSync(join(directory, `${name}.graphql`), { force: true });
  }
}

function writeWhole(path: string, text: string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
