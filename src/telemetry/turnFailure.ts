import { SpanStatusCode, trace } from '@opentelemetry/api';

/**
 * Marks the request being served as failed and attaches the error to it. A failed turn still
 * answers Bot Framework with a 200 (the user gets an apology), so without this Application
 * Insights would count it as a success. Without telemetry there is no active span: no-op.
 */
export function recordTurnFailure(error: unknown): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
}
