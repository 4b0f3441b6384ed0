import restify from 'restify';
import { Application, TeamsAdapter } from '@microsoft/teams-ai';
import type { AddressInfo } from 'node:net';
import { ConnectorStub } from '../test/harness/connectorStub';

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
