import { fork, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { startEmbeddedTableStorage } from '../src/storage/embeddedAzurite';
import { createTableProvider } from '../src/storage/tableProvider';
import { createLogger } from '../src/logging';
import { TableConversationStore } from '../src/conversations/tableConversationStore';
import type { GroupLookup } from '../src/admin/groupLookup';
import type { AuditLog } from '../src/audit/auditLog';
import { createAnnouncements } from '../src/announcements/announcements';

/**
 * Announcement delivery at scale: N recipients through a Bot Connector stub that answers a share
 * of POSTs with 429 (Retry-After), at a configured rate. The stub and Azurite run in a child
 * process, so the figures (rate, memory) are the announcement engine's own.
 *
 *   npm run bench:announce -- [recipients=10000] [ratePerSec=200] [throttledShare=0.1] [retryAfterSec=1]
 */

interface Stats {
  posts: number;
  throttled: number;
  delivered: number;
  duplicates: number;
  firstAt: number;
  lastAt: number;
  puts: number;
}

/** Child role: Azurite (in memory) and a lean connector stub that only counts. */
async function serve(throttledShare: number, retryAfterSec: number): Promise<void> {
  const azurite = await startEmbeddedTableStorage(null);
  const perConversation = new Map<string, number>();
  const stats: Stats = { posts: 0, throttled: 0, delivered: 0, duplicates: 0, firstAt: 0, lastAt: 0, puts: 0 };
  // Deterministic "random" throttling, so runs compare.
  let seed = 42;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/stats') {
        res.end(JSON.stringify(stats));
        return;
      }
      res.setHeader('content-type', 'application/json');
      const match = /\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method === 'PUT') {
        stats.puts++;
        res.end('{"id":"updated"}');
        return;
      }
      if (req.method !== 'POST' || !match) {
        res.statusCode = 404;
        res.end('{}');
        return;
      }
      stats.posts++;
      if (next() < throttledShare) {
        stats.throttled++;
        res.statusCode = 429;
        res.setHeader('retry-after', String(retryAfterSec));
        res.end('{"error":{"code":"Throttled"}}');
        return;
      }
      const id = decodeURIComponent(match[1]);
      const n = (perConversation.get(id) ?? 0) + 1;
      perConversation.set(id, n);
      if (n > 1) stats.duplicates++;
      stats.delivered++;
      const now = Date.now();
      if (!stats.firstAt) stats.firstAt = now;
      stats.lastAt = now;
      res.end(`{"id":"act-${stats.posts}"}`);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send!({ connectionString: azurite.connectionString, stubUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  process.on('message', async () => {
    server.closeAllConnections();
    server.close();
    await azurite.close();
    process.exit(0);
  });
}

async function stats(stubUrl: string): Promise<Stats> {
  return (await (await fetch(`${stubUrl}stats`)).json()) as Stats;
}

async function main(): Promise<void> {
  const [recipients = 10_000, ratePerSec = 200, throttledShare = 0.1, retryAfterSec = 1] = process.argv.slice(2).map(Number);
  const child: ChildProcess = fork(__filename, ['--serve', String(throttledShare), String(retryAfterSec)], { execArgv: ['-r', 'ts-node/register/transpile-only'] });
  const { connectionString, stubUrl } = await new Promise<{ connectionString: string; stubUrl: string }>((resolve) => child.once('message', resolve as (m: unknown) => void));
  const tables = createTableProvider({ kind: 'connectionString', connectionString });
  const tenantId = 'f0f0f0f0-0000-4000-8000-000000000001';

  const conversations = new TableConversationStore(tables);
  const seedStart = Date.now();
  let seeded = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      for (let i = seeded++; i < recipients; i = seeded++) {
        await conversations.save({ tenantId, userAadObjectId: `user-${i}`, userId: `29:${i}`, conversationId: `a:${i}`, serviceUrl: stubUrl, channelId: 'msteams', botId: '28:bench', locale: i % 3 ? 'en' : 'fr', installed: true, updatedAt: new Date().toISOString() });
      }
    }),
  );
  console.log(`seeded ${recipients} conversation references in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

  const noGroups: GroupLookup = { resolve: async () => ({ kind: 'none' }), get: async () => undefined, members: async () => undefined };
  const audit: AuditLog = { record: async () => {}, latest: async () => [] };
  global.gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 200);

  const announcements = createAnnouncements({ tables, conversations, groups: noGroups, audit, logger: createLogger('warn'), clock: () => new Date(), ratePerSec, leaseSeconds: 30, token: async () => undefined });
  announcements.worker.start();
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  const result = await announcements.service.start({ tenantId, actor: 'bench', target: { kind: 'all' }, progressCard: { serviceUrl: stubUrl, conversationId: 'a:admin', userId: '29:admin', botId: '28:bench', activityId: 'preview', lang: 'en' } });
  if (result.kind !== 'started') throw new Error(`could not start: ${result.kind}`);
  let job = result.job;
  while (job.state !== 'done') {
    await new Promise((r) => setTimeout(r, 500));
    job = (await announcements.store.getJob(job.id))!;
  }
  const elapsed = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  await announcements.worker.stop();

  const s = await stats(stubUrl);
  const sendingSeconds = (s.lastAt - s.firstAt) / 1000;
  const deliveredRate = s.delivered / sendingSeconds;
  const requestRate = s.posts / sendingSeconds;
  const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;
  console.log(`announcement: ${recipients} recipients, configured ${ratePerSec}/s, ${(throttledShare * 100).toFixed(0)}% of POSTs answered 429 (Retry-After ${retryAfterSec} s)`);
  console.log(`job: ${job.state}, sent ${job.sent}, failed ${job.failed}, unreachable ${job.unreachable}, total ${job.total}; ${elapsed.toFixed(1)} s from Send to done (recipient listing included)`);
  console.log(`stub: ${s.posts} POSTs, ${s.throttled} throttled, ${s.delivered} delivered, ${s.duplicates} duplicates, ${s.puts} progress updates`);
  console.log(`request rate  ${requestRate.toFixed(1)}/s   = ${(requestRate / ratePerSec).toFixed(3)} of configured (pacing counts every request, retries included)`);
  console.log(`delivered rate ${deliveredRate.toFixed(1)}/s   = ${(deliveredRate / ratePerSec).toFixed(3)} of configured`);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`engine CPU: ${cpuSeconds.toFixed(1)} s for ${s.posts} requests = ${((cpuSeconds * 1000) / s.posts).toFixed(2)} ms per request (one core sustains ~${(s.posts / cpuSeconds).toFixed(0)} requests/s); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);
  console.log(`memory: rss ${mib(before.rss)} -> peak ${mib(peakRss)}; heap ${mib(before.heapUsed)} -> peak ${mib(peakHeap)}`);
  child.send('stop');
}

if (process.argv[2] === '--serve') {
  void serve(Number(process.argv[3]), Number(process.argv[4]));
} else {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
