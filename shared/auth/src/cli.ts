// Entry point of `npm run token -- --role ADMIN ...`: prints a development token.
import { runTokenCommand } from "./token-command.ts";

const result = await runTokenCommand(process.argv.slice(2), process.env);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
