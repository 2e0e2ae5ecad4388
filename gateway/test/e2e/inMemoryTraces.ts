/**
 * Tracing of the e2e process into memory. Import it FIRST in a test file: @apollo/gateway
 * takes its tracer when it is loaded, and records its plan's spans only if a provider is
 * registered by then (as gateway/src/telemetry.ts does for `npm start`). Shut it down in
 * `afterAll`: the OpenTelemetry registration is global to the process.
 */
import { InMemorySpanExporter, startTelemetry } from "@intl/telemetry";

export const spans = new InMemorySpanExporter();
export const telemetry = startTelemetry({ serviceName: "e2e", exporter: spans });
