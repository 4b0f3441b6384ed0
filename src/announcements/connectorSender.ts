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
  send(to: ProactiveAddress, activity: Record<string, unknown>, signal?: AbortSignal): Promise<SendResult>;
  update(to: ProactiveAddress, activityId: string, activity: Record<string, unknown>, signal?: AbortSignal): Promise<SendResult>;
}

/** A bearer token for the Bot Connector at `serviceUrl`, or undefined in no-auth local mode. */
export type ConnectorTokenProvider = (serviceUrl: string) => Promise<string | undefined>;

/**
 * Calls the Bot Connector REST API directly rather than through botbuilder's client, whose HTTP
 * pipeline retries 429 and 5xx on its own: the announcement engine paces and retries itself, so
 * every request it makes is one it counted.
 */
export class ConnectorRestSender implements ProactiveSender {
  constructor(
    private readonly token: ConnectorTokenProvider,
    private readonly timing: Timing,
    private readonly timeoutMs = 15_000,
  ) {}

  send(to: ProactiveAddress, activity: Record<string, unknown>, signal?: AbortSignal): Promise<SendResult> {
    return this.call('POST', `${base(to)}/activities`, to, activity, signal);
  }

  update(to: ProactiveAddress, activityId: string, activity: Record<string, unknown>, signal?: AbortSignal): Promise<SendResult> {
    return this.call('PUT', `${base(to)}/activities/${encodeURIComponent(activityId)}`, to, { ...activity, id: activityId }, signal);
  }

  private async call(method: string, url: string, to: ProactiveAddress, activity: Record<string, unknown>, signal?: AbortSignal): Promise<SendResult> {
    const body = {
      type: 'message',
      ...activity,
      from: { id: to.botId },
      recipient: { id: to.userId },
      conversation: { id: to.conversationId },
      channelId: 'msteams',
      serviceUrl: to.serviceUrl,
    };
    try {
      const token = await this.token(to.serviceUrl);
      const timeout = AbortSignal.timeout(this.timeoutMs);
      const res = await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const text = await res.text();
      let activityId: string | undefined;
      if (res.ok && text) {
        try {
          activityId = (JSON.parse(text) as { id?: string }).id;
        } catch {
          activityId = undefined;
        }
      }
      return { status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), this.timing.now()), activityId };
    } catch {
      // Unreachable, reset or timed out: the message may or may not have arrived; treated as transient.
      return { status: 0 };
    }
  }
}

function base(to: ProactiveAddress): string {
  return `${to.serviceUrl.replace(/\/+$/, '')}/v3/conversations/${encodeURIComponent(to.conversationId)}`;
}
