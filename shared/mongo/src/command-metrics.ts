import { boundedLabelValues, histogram } from "@intl/metrics";
import type { Connection } from "mongoose";

const commandDuration = histogram({
  name: "intl_store_command_duration_seconds",
  help: "Store commands as the driver timed them (sent to answered), by command name and outcome (ok, error)",
  labelNames: ["command", "outcome"],
});

// The driver's command names are a small set; bounded all the same.
const commandLabel = boundedLabelValues(64);

/**
 * Records every command's duration from the driver's command monitor (the
 * connection must be created with `monitorCommands: true`): listeners only, no
 * extra round trip.
 */
export function recordCommandDurations(connection: Connection): void {
  const client = connection.getClient();
  client.on("commandSucceeded", (event) =>
    commandDuration.observe(
      { command: commandLabel(event.commandName), outcome: "ok" },
      event.duration / 1000,
    ),
  );
  client.on("commandFailed", (event) =>
    commandDuration.observe(
      { command: commandLabel(event.commandName), outcome: "error" },
      event.duration / 1000,
    ),
  );
}
