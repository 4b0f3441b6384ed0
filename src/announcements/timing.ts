/** Time as the announcement engine sees it, injectable so tests need not wait for real time. */
export interface Timing {
  now(): number;
  /** Resolves after `ms`, or early (without error) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  random(): number;
}

export const realTiming: Timing = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted || ms <= 0) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
  random: () => Math.random(),
};

/**
 * Interval pacing with a small token bucket: one slot every 1000/rate ms, however many senders
 * ask at once. Slots missed because the process was busy (timers fire late under load) may be
 * caught up, but only up to `burstMs` worth, so the rate over any second stays close to
 * `ratePerSec` and a long pause is never followed by a long burst.
 */
export class Pacer {
  private nextSlot = 0;
  private readonly intervalMs: number;

  constructor(
    ratePerSec: number,
    private readonly timing: Timing,
    private readonly burstMs = 200,
  ) {
    this.intervalMs = 1000 / ratePerSec;
  }

  async take(signal?: AbortSignal): Promise<void> {
    const now = this.timing.now();
    // The first request starts the schedule: no allowance is banked before anything was sent.
    if (this.nextSlot === 0) this.nextSlot = now;
    const slot = Math.max(now - this.burstMs, this.nextSlot);
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.timing.sleep(slot - now, signal);
  }
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 60_000, maxAttempts: 8 };

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential with full jitter,
 * but never shorter than what the service asked for in Retry-After.
 */
export function backoffMs(policy: BackoffPolicy, attempt: number, random: () => number, retryAfterMs?: number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(retryAfterMs ?? 0, Math.round(jittered));
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 10 * 60_000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.min(date - now, 10 * 60_000));
}
