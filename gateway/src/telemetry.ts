// Tracing of the gateway process, started when this module is evaluated. main.ts imports it
// first: @apollo/gateway takes its tracer when it is loaded, through its own copy of
// @opentelemetry/api, and that tracer records the plan's spans (gateway.request, gateway.plan,
// gateway.fetch…) only if a provider is registered by then.
import { startTelemetry, telemetrySettingsFrom } from "@intl/telemetry";

export const telemetry = startTelemetry({ serviceName: "gateway", settings: telemetrySettingsFrom() });
