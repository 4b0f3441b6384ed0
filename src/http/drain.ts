import type { Server as HttpServer, ServerResponse } from 'node:http';

/**
 * Counts the requests in flight on an HTTP server so that shutdown can stop taking new ones
 * and still let the turns already running finish: Bot Framework does not resend an activity
 * whose request got an answer, so a turn cut short is a lost reply.
 */
export class RequestDrain {
  private inFlight = 0;
  private draining = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly server: HttpServer) {
    server.on('request', (_req, res: ServerResponse) => {
      this.inFlight++;
      res.once('close', () => {
        this.inFlight--;
        if (this.inFlight === 0) this.wakeWaiters();
        // A kept-alive connection that just finished its last request must not stay open.
        if (this.draining) this.server.closeIdleConnections();
      });
    });
  }

  /** Requests received and not yet answered. */
  get active(): number {
    return this.inFlight;
  }

  /** True once drain() has been called: new requests should be turned away. */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Stops accepting connections, waits up to `graceMs` for the requests in flight, then closes
   * every connection left. Resolves to true when all requests finished within the grace period.
   */
  async drain(graceMs: number): Promise<boolean> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) resolve();
      else this.server.close(() => resolve());
    });
    this.server.closeIdleConnections();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.idle().then(() => true),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), graceMs);
      }),
    ]);
    clearTimeout(timer);
    if (finished) this.server.closeIdleConnections();
    else this.server.closeAllConnections();
    await closed;
    return finished;
  }

  private idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
