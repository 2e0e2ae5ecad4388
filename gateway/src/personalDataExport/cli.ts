// Entry point of `npm run personal-data:export -- --person STUDENT:<id> --out file.json`.
import { runExportCommand } from "./exportCommand.ts";

const result = await runExportCommand(process.argv.slice(2), process.env);
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.exitCode;
