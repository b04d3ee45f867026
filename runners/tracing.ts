import { trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * Exports the runner's spans (run → node) over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * Without it the API's no-op tracer is used and spans cost nothing; NodeRun rows are the trace
 * either way.
 */
export function setupTracing(serviceName: string): BasicTracerProvider | undefined {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }))],
  });
  trace.setGlobalTracerProvider(provider);
  return provider;
}
