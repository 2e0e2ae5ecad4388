import { ConfigError } from "@intl/config";
import { describe, expect, it } from "vitest";
import { telemetrySettingsFrom } from "./settings.ts";

describe("tracing settings", () => {
  it("are off by default, with a collector on loopback should OTLP be chosen", () => {
    expect(telemetrySettingsFrom({})).toEqual({
      tracesExporters: [],
      otlpTracesUrl: "http://127.0.0.1:4318/v1/traces",
    });
  });

  it("take OTEL_TRACES_EXPORTER as a list and the OTLP endpoint as the collector's base URL", () => {
    expect(
      telemetrySettingsFrom({
        OTEL_TRACES_EXPORTER: "console, otlp",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:14318/",
      }),
    ).toEqual({ tracesExporters: ["console", "otlp"], otlpTracesUrl: "http://127.0.0.1:14318/v1/traces" });
    expect(
      telemetrySettingsFrom({
        OTEL_TRACES_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://127.0.0.1:9999/traces",
      }).otlpTracesUrl,
    ).toBe("http://127.0.0.1:9999/traces");
  });

  it("refuse an exporter this system does not have, naming the variable", () => {
    expect(() => telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: "zipkin" })).toThrow(ConfigError);
    expect(() => telemetrySettingsFrom({ OTEL_TRACES_EXPORTER: "zipkin" })).toThrow(/OTEL_TRACES_EXPORTER/);
  });
});
