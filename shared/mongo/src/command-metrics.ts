import { boundedLabelValues, histogram } from "@intl/metrics";
import { SpanKind, recordFailure, trace, tracer, tracingEnabled } from "@intl/telemetry";
import type { Span } from "@intl/telemetry";
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
 * extra round trip. With tracing on, each command is also a span (`traceCommands`).
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
  traceCommands(connection);
}

/**
 * A CLIENT span per store command sent while a span is active (an operation, a
 * consumed event): the driver emits `commandStarted` in the caller's async
 * context, so the span is the caller's child. Commands outside any trace (the
 * relay's scans, the driver's own checks) are not traced. The command itself is
 * not recorded: it holds personal data.
 */
function traceCommands(connection: Connection): void {
  const client = connection.getClient();
  const open = new Map<string, Span>();
  const key = (event: { connectionId?: string | number; requestId: number }) =>
    `${String(event.connectionId)}/${event.requestId}`;
  client.on("commandStarted", (event) => {
    if (!tracingEnabled() || !trace.getActiveSpan()) return;
    const collection: unknown = event.command[event.commandName];
    const target = typeof collection === "string" ? collection : undefined;
    const span = tracer("@intl/mongo").startSpan(
      target ? `${event.commandName} ${target}` : event.commandName,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          "db.system.name": "mongodb",
          "db.namespace": event.databaseName,
          "db.operation.name": event.commandName,
          ...(target ? { "db.collection.name": target } : {}),
        },
      },
    );
    open.set(key(event), span);
  });
  const end = (event: { connectionId?: string | number; requestId: number }, failure?: unknown) => {
    const span = open.get(key(event));
    if (!span) return;
    open.delete(key(event));
    if (failure !== undefined) recordFailure(span, failure);
    span.end();
  };
  client.on("commandSucceeded", (event) => end(event));
  client.on("commandFailed", (event) => end(event, event.failure));
}
