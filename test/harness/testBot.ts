import { Writable } from 'node:stream';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { ConnectorStub } from './connectorStub';
import { startTestStorage, type TestStorage } from './testStorage';
import * as activities from './activities';
import type { TestUser } from './activities';

export interface TestBotOptions {
  /** Environment variables, as the bot would read them. */
  env?: Record<string, string>;
  /** Reuse storage (e.g. to restart the bot over the same data). */
  storage?: TestStorage;
  clock?: () => Date;
  openIdMetadataUrl?: string;
}

export interface PostResult {
  status: number;
  body: unknown;
}

/** Log lines the bot wrote during a test, parsed, so tests can assert on what was logged. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
  /** pino levels: 50 error, 40 warn, 30 info. */
  atLevel(level: number): Array<Record<string, unknown>> {
    return this.lines.filter((l) => l.level === level);
  }
}

/**
 * The real bot on a free loopback port, with real (Azurite) storage and a Bot Connector stub,
 * driven with Teams-shaped activities.
 */
export class TestBot {
  private constructor(
    readonly app: App,
    readonly url: string,
    readonly connector: ConnectorStub,
    readonly storage: TestStorage,
    readonly logs: LogCapture,
    private readonly ownsStorage: boolean,
  ) {}

  static async start(options: TestBotOptions = {}): Promise<TestBot> {
    const connector = await new ConnectorStub().start();
    const storage = options.storage ?? (await startTestStorage());
    const logs = new LogCapture();
    const config = loadConfig({ LOG_LEVEL: 'info', STORAGE_CONNECTION_STRING: storage.connectionString, ...options.env });
    const app = await createApp({ config, logger: createLogger(config.logLevel, logs), tables: storage.tables, clock: options.clock, openIdMetadataUrl: options.openIdMetadataUrl });
    const url = await app.listen(0);
    return new TestBot(app, url, connector, storage, logs, !options.storage);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.connector.stop();
    if (this.ownsStorage) await this.storage.close();
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  /** POSTs an activity (or any body) to /api/messages as Teams would. */
  async post(body: unknown, headers: Record<string, string> = {}): Promise<PostResult> {
    const res = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text.
    }
    return { status: res.status, body: parsed };
  }

  /** Sends an activity and returns what the bot sent into the user's conversation meanwhile. */
  private async exchange(user: TestUser, activity: Record<string, unknown>): Promise<{ status: number; body: unknown; replies: Array<Record<string, unknown>> }> {
    const before = this.connector.activities(user.conversationId).length;
    const result = await this.post(activity);
    return { ...result, replies: this.connector.activities(user.conversationId).slice(before) };
  }

  /** The user types `text`; resolves with the bot's replies. */
  async say(user: TestUser, text: string): Promise<Array<Record<string, unknown>>> {
    const { status, replies } = await this.exchange(user, activities.message(user, this.serviceUrl, text));
    if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
    return replies;
  }

  /** The user presses an Action.Submit button. */
  async submit(user: TestUser, value: Record<string, unknown>): Promise<Array<Record<string, unknown>>> {
    const { status, replies } = await this.exchange(user, activities.submit(user, this.serviceUrl, value));
    if (status !== 200) throw new Error(`bot answered HTTP ${status}`);
    return replies;
  }

  /** The user presses an Action.Execute button; resolves with the invoke response and any messages. */
  async execute(user: TestUser, verb: string, data: Record<string, unknown> = {}) {
    const { status, body, replies } = await this.exchange(user, activities.execute(user, this.serviceUrl, verb, data));
    return { status, response: body as { statusCode: number; type: string; value: unknown }, replies };
  }

  async install(user: TestUser): Promise<Array<Record<string, unknown>>> {
    await this.exchange(user, activities.installationUpdate(user, this.serviceUrl, 'add'));
    const { replies } = await this.exchange(user, activities.botInstalled(user, this.serviceUrl));
    return replies;
  }

  async uninstall(user: TestUser): Promise<void> {
    await this.exchange(user, activities.installationUpdate(user, this.serviceUrl, 'remove'));
  }
}

/** The Adaptive Card of a reply, if it carries one. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = activity?.attachments as Array<{ contentType: string; content: Record<string, unknown> }> | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')?.content;
}

/** A card's Action.Execute buttons, wherever they sit, as Teams would send them when pressed. */
export function executeActions(card: unknown): Array<{ verb: string; title: string; data: Record<string, unknown> }> {
  const found: Array<{ verb: string; title: string; data: Record<string, unknown> }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Execute') found.push({ verb: o.verb as string, title: o.title as string, data: (o.data ?? {}) as Record<string, unknown> });
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/** All visible text of a card (TextBlocks, FactSets, RichText, action titles), for assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'altText', 'label', 'placeholder']) if (typeof o[key] === 'string') parts.push(o[key] as string);
    for (const [key, v] of Object.entries(o)) if (key !== 'data' && typeof v === 'object') walk(v);
  };
  walk(card);
  return parts.join('\n');
}

export { activities };
