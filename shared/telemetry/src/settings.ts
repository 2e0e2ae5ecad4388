import { loadConfig } from "@intl/config";
import { z } from "zod";

/** Where spans go: nowhere (the default), to stdout, or to an OTLP/HTTP collector. */
export type TracesExporterKind = "console" | "otlp";

export interface TelemetrySettings {
  /** Empty: tracing is off. */
  tracesExporters: readonly TracesExporterKind[];
  /** Where the `otlp` exporter posts spans (OTLP/HTTP, protobuf-free JSON). */
  otlpTracesUrl: string;
}

const exporterNames = ["none", "console", "otlp"] as const;

/**
 * The standard OpenTelemetry variables that this system reads. The OTLP endpoint
 * defaults to a collector on loopback: nothing leaves the machine unless told to.
 */
export const telemetryConfigSchema = z
  .object({
    // A comma-separated list, as the OpenTelemetry specification has it: `console,otlp` sends to both.
    OTEL_TRACES_EXPORTER: z
      .string()
      .default("none")
      .transform((value) =>
        value
          .split(",")
          .map((name) => name.trim().toLowerCase())
          .filter(Boolean),
      )
      .refine(
        (names) => names.every((name) => (exporterNames as readonly string[]).includes(name)),
        `must be ${exporterNames.join(", ")} (or a comma-separated list of them)`,
      ),
    // The collector's base URL; spans go to `<base>/v1/traces`.
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ error: "must be a URL" }).default("http://127.0.0.1:4318"),
    // The whole URL for spans, when the collector takes them elsewhere than `<base>/v1/traces`.
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ error: "must be a URL" }).optional(),
  })
  .transform((env): TelemetrySettings => ({
    tracesExporters: env.OTEL_TRACES_EXPORTER.filter((name): name is TracesExporterKind => name !== "none"),
    otlpTracesUrl:
      env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
      `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, "")}/v1/traces`,
  }));

/** The tracing settings of `env`, validated once at start-up (a bad value stops the process). */
export function telemetrySettingsFrom(
  env: Record<string, string | undefined> = process.env,
): TelemetrySettings {
  return loadConfig("telemetry", telemetryConfigSchema, env);
}
