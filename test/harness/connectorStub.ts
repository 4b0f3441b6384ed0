import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One call the bot made to the Bot Connector service. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId?: string;
  /** The activity (or conversation parameters for POST /v3/conversations). */
  body: Record<string, unknown>;
  status: number;
  /** The Authorization header the bot sent, if any. */
  authorization?: string;
}

/** Lets a test answer a call differently (a 429 with Retry-After, a 403...). */
export type ConnectorFault = (
  call: Omit<ConnectorCall, 'status'>,
) => { status: number; headers?: Record<string, string>; /** Answer this much later (a slow service). */ delayMs?: number } | undefined;

/**
 * A Bot Connector service on loopback: receives what the bot sends (replies, updates, proactive
 * conversations) so tests can assert on it, and can inject faults.
 */
export class ConnectorStub {
  readonly calls: ConnectorCall[] = [];
  private server?: http.Server;
  private fault?: ConnectorFault;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  get url(): string {
    const address = this.server?.address() as AddressInfo | null;
    if (!address) throw new Error('connector stub is not started');
    return `http://127.0.0.1:${address.port}/`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.onRequest(req, res));
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  injectFault(fault: ConnectorFault | undefined): void {
    this.fault = fault;
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Activities sent into a conversation (POST replies and sends), in order. */
  activities(conversationId?: string): Array<Record<string, unknown>> {
    return this.calls
      .filter((c) => c.method === 'POST' && c.status < 300 && c.path.includes('/activities') && (!conversationId || c.conversationId === conversationId))
      .map((c) => c.body);
  }

  /** Waits until `predicate` holds over the calls so far (checked on each new call). */
  async waitFor(predicate: (calls: ConnectorCall[]) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`connector stub: condition not met within ${timeoutMs} ms (${this.calls.length} calls)`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for `count` activities in a conversation and returns them. */
  async waitForActivities(conversationId: string, count: number, timeoutMs?: number): Promise<Array<Record<string, unknown>>> {
    await this.waitFor(() => this.activities(conversationId).length >= count, timeoutMs);
    return this.activities(conversationId);
  }

  private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        body = { unparsable: raw };
      }
      const path = (req.url ?? '').split('?')[0];
      const match = /\/v3\/conversations\/([^/]+)/.exec(path);
      const call = {
        method: req.method ?? '',
        path,
        conversationId: match ? decodeURIComponent(match[1]) : undefined,
        body,
        authorization: req.headers.authorization,
      };
      const injected = this.fault?.(call);
      const status = injected?.status ?? 200;
      this.calls.push({ ...call, status });
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((w) => w());

      const answer = (): void => this.answer(req, res, path, status, injected?.headers);
      if (injected?.delayMs) setTimeout(answer, injected.delayMs);
      else answer();
    });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, path: string, status: number, headers?: Record<string, string>): void {
    res.statusCode = status;
    res.setHeader('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    if (status >= 300) {
      res.end(JSON.stringify({ error: { code: 'Injected', message: `injected ${status}` } }));
    } else if (req.method === 'POST' && path.replace(/\/$/, '') === '/v3/conversations') {
      res.end(JSON.stringify({ id: `a:proactive-${this.nextId++}`, activityId: `act-${this.nextId++}` }));
    } else {
      res.end(JSON.stringify({ id: `act-${this.nextId++}` }));
    }
  }
}
