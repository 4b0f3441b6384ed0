import restify from 'restify';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { AddressInfo } from 'node:net';
import { ConnectorStub } from '../test/harness/connectorStub';
import { startTestStorage } from '../test/harness/testStorage';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';

/**
 * Shared benchmark plumbing: a minimal teams-ai echo bot as the baseline, a load loop over HTTP,
 * and latency statistics. Everything talks to loopback only.
 */

export interface RunningBot {
  url: string;
  close(): Promise<void>;
}

/** The smallest teams-ai bot over the same HTTP stack: echoes each message. */
export async function startEchoBot(): Promise<RunningBot> {
  const adapter = new TeamsAdapter({});
  const app = new Application({ adapter, startTypingTimer: false, longRunningMessages: false, removeRecipientMention: true });
  app.activity('message', async (context) => {
    await context.sendActivity(`echo: ${context.activity.text}`);
  });
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface LoadResult {
  turns: number;
  seconds: number;
  throughput: number;
  p50: number;
  p99: number;
}

/** Sends `turns` activities with `concurrency` in flight; each turn ends when the HTTP call returns. */
export async function load(url: string, makeActivity: (i: number) => object, turns: number, concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (next < turns) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(makeActivity(i)) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`turn ${i}: HTTP ${res.status}`);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { turns, seconds, throughput: turns / seconds, p50: pct(50), p99: pct(99) };
}

export async function startConnector(): Promise<ConnectorStub> {
  return new ConnectorStub().start();
}

export function report(label: string, r: LoadResult): string {
  return `${label.padEnd(14)} ${r.throughput.toFixed(0).padStart(6)} turns/s   p50 ${r.p50.toFixed(2).padStart(7)} ms   p99 ${r.p99.toFixed(2).padStart(7)} ms`;
}

/**
 * Runs a bot against the echo baseline in the same process and conditions: a warm-up, then
 * alternating rounds (the machine may be busy with other work), printing every round's ratios and
 * the median round. Returns the median round.
 */
export async function compareWithEcho(
  label: string,
  urls: { echo: string; bot: string },
  activity: (i: number) => object,
  options: { turns: number; concurrency: number; rounds: number },
): Promise<{ echo: LoadResult; bot: LoadResult }> {
  const { turns, concurrency, rounds } = options;
  // Warm-up: JIT, table creation, the conversation-reference cache.
  await load(urls.echo, activity, 200, concurrency);
  await load(urls.bot, activity, 200, concurrency);

  const perRound = Math.ceil(turns / rounds);
  const results: { echo: LoadResult; bot: LoadResult }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      const echo = await load(urls.echo, activity, perRound, concurrency);
      results.push({ echo, bot: await load(urls.bot, activity, perRound, concurrency) });
    } else {
      const bot = await load(urls.bot, activity, perRound, concurrency);
      results.push({ bot, echo: await load(urls.echo, activity, perRound, concurrency) });
    }
  }
  const ratio = (r: { echo: LoadResult; bot: LoadResult }) => r.bot.throughput / r.echo.throughput;
  results.sort((a, b) => ratio(a) - ratio(b));
  console.log(`${label}: ${rounds} rounds of ${perRound} turns per bot, ${concurrency} in flight`);
  for (const [i, r] of results.entries()) {
    console.log(`round (sorted) ${i + 1}: throughput ratio ${ratio(r).toFixed(2)}x   p99 ratio ${(r.bot.p99 / r.echo.p99).toFixed(2)}x`);
  }
  const median = results[Math.floor(results.length / 2)];
  console.log('median round:');
  console.log(report('echo bot', median.echo));
  console.log(report(label, median.bot));
  console.log(`throughput ratio (${label} / echo): ${ratio(median).toFixed(2)}x   p99 ratio: ${(median.bot.p99 / median.echo.p99).toFixed(2)}x`);
  console.log(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);
  return median;
}

/** The bench's knobs, from the environment. */
export function benchOptions(): { turns: number; concurrency: number; rounds: number } {
  return {
    turns: Number(process.env.BENCH_TURNS ?? 2000),
    concurrency: Number(process.env.BENCH_CONCURRENCY ?? 16),
    rounds: Number(process.env.BENCH_ROUNDS ?? 5),
  };
}

/**
 * The bot (real app, in-memory Azurite) and the echo baseline side by side, with one connector
 * stub for both; runs `body` with them and shuts everything down after.
 */
export async function withBotAndEcho(body: (env: { botUrl: string; echoUrl: string; serviceUrl: string }) => Promise<void>): Promise<void> {
  const connector = await startConnector();
  const storage = await startTestStorage();
  const echo = await startEchoBot();
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), tables: storage.tables });
  try {
    await body({ botUrl: await app.listen(0), echoUrl: echo.url, serviceUrl: connector.url });
  } finally {
    await app.close();
    await echo.close();
    await storage.close();
    await connector.stop();
  }
}
