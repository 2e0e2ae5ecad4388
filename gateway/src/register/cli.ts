// Entry point of `npm run subgraph:check|subgraph:publish|subgraph:remove -- <args>` (docs/federating-a-school.md).
import { SUBGRAPH_USAGE, runSubgraphCommand } from "./subgraphCommand.ts";
import type { SubgraphCommandName } from "./subgraphCommand.ts";

const [command, ...args] = process.argv.slice(2);
if (command !== "check" && command !== "publish" && command !== "remove") {
  process.stderr.write(
    `Unknown command "${command ?? ""}": check, publish or remove.\n\n${SUBGRAPH_USAGE}\n`,
  );
  process.exitCode = 1;
} else {
  const result = await runSubgraphCommand(command satisfies SubgraphCommandName, args, { env: process.env });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.exitCode;
}
