import http from 'node:http';
import https from 'node:https';
import type { Timing } from './timing';
import { parseRetryAfter } from './timing';

/** Where a proactive message goes: the stored conversation reference fields. */
export interface ProactiveAddress {
  serviceUrl: string;
  conversationId: string;
  userId: string;
  botId: string;
}

/** The outcome of one HTTP call to the Bot Connector service. */
export interface SendResult {
  /** HTTP status, or 0 when the service could not be reached at all. */
  status: number;
  retryAfterMs?: number;
  activityId?: string;
}

/** Sends activities into existing conversations, one HTTP call each, with no hidden retries. */
export interface ProactiveSender {
  send(to: ProactiveAddress, activity: Record<string, unknown>): Promise<SendResult>;
  update(to: ProactiveAddress, activityId: string, activity: Record<string, unknown>): Promise<SendResult>;
  close?(): void;
}

/** A bearer token for the Bot Connector at `serviceUrl`, or undefined in no-auth local mode. */
export type ConnectorTokenProvider = (serviceUrl: string) => Promise<string | undefined>;

/**
 * Calls the Bot Connector REST API directly rather than through botbuilder's client, whose HTTP
 * pipeline retries 429 and 5xx on its own: the announcement engine paces and retries itself, so
 * every request it makes is one it counted. Connections are kept alive and reused.
 */
export class ConnectorRestSender implements ProactiveSender {
  private readonly agents = { http: new http.Agent({ keepAlive: true, maxSockets: 128 }), https: new https.Agent({ keepAlive: true, maxSockets: 128 }) };

  constructor(
    private readonly token: ConnectorTokenProvider,
    private readonly timing: Timing,
    private readonly timeoutMs = 15_000,
  ) {}

  send(to: ProactiveAddress, activity: Record<string, unknown>): Promise<SendResult> {
    return this.call('POST', `${base(to)}/activities`, to, activity);
  }

  update(to: ProactiveAddress, activityId: string, activity: Record<string, unknown>): Promise<SendResult> {
    return this.call('PUT', `${base(to)}/activities/${encodeURIComponent(activityId)}`, to, { ...activity, id: activityId });
  }

  /** Closes kept-alive connections. */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async call(method: string, url: string, to: ProactiveAddress, activity: Record<string, unknown>): Promise<SendResult> {
    const body = JSON.stringify({
      type: 'message',
      ...activity,
      from: { id: to.botId },
      recipient: { id: to.userId },
      conversation: { id: to.conversationId },
      channelId: 'msteams',
      serviceUrl: to.serviceUrl,
    });
    let token: string | undefined;
    try {
      token = await this.token(to.serviceUrl);
    } catch {
      // No token now (identity endpoint down): transient, like a network failure.
      return { status: 0 };
    }
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    return new Promise<SendResult>((resolve) => {
      const req = (secure ? https : http).request(
        target,
        {
          method,
          agent: secure ? this.agents.https : this.agents.http,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(body),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', () => resolve({ status: 0 }));
          res.on('end', () => {
            const status = res.statusCode ?? 0;
            const retryAfter = res.headers['retry-after'];
            let activityId: string | undefined;
            if (status >= 200 && status < 300) {
              try {
                activityId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id?: string }).id;
              } catch {
                activityId = undefined;
              }
            }
            resolve({ status, retryAfterMs: parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, this.timing.now()), activityId });
          });
        },
      );
      // Unreachable, reset or timed out: the message may or may not have arrived; treated as transient.
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0 }));
      req.end(body);
    });
  }
}

function base(to: ProactiveAddress): string {
  return `${to.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(to.conversationId)}`;
}
