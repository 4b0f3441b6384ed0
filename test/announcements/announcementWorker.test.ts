import { ConnectorStub, type ConnectorCall } from '../harness/connectorStub';
import { startTestStorage, type TestStorage } from '../harness/testStorage';
import { createLogger } from '../../src/logging';
import { AnnouncementStore, type AnnouncementJob } from '../../src/announcements/announcementStore';
import { AnnouncementWorker, type WorkerOptions } from '../../src/announcements/announcementWorker';
import { ConnectorRestSender } from '../../src/announcements/connectorSender';
import { announcementActivity, progressActivity } from '../../src/announcements/announcementCards';
import { realTiming } from '../../src/announcements/timing';
import type { AuditEntry, AuditLog } from '../../src/audit/auditLog';
import type { ConversationRecord } from '../../src/conversations/conversationStore';

const TENANT = '11111111-2222-3333-4444-555555555555';

function recipients(count: number, serviceUrl: string, prefix: string): ConversationRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    tenantId: TENANT,
    userAadObjectId: `${prefix}-user-${i}`,
    userId: `29:${prefix}-${i}`,
    conversationId: `a:${prefix}-${i}`,
    serviceUrl,
    channelId: 'msteams',
    botId: '28:bot',
    locale: i % 2 ? 'fr' : 'en',
    installed: true,
    updatedAt: new Date().toISOString(),
  }));
}

class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];
  async record(entry: AuditEntry) {
    this.entries.push(entry);
  }
  async latest() {
    return [];
  }
}

/** Successful POSTs of a message into each conversation. */
function deliveredPerConversation(calls: ConnectorCall[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls) if (c.method === 'POST' && c.status < 300 && c.conversationId) out.set(c.conversationId, (out.get(c.conversationId) ?? 0) + 1);
  return out;
}

describe('announcement worker (Azurite + connector stub)', () => {
  let storage: TestStorage;
  let connector: ConnectorStub;
  let store: AnnouncementStore;
  beforeAll(async () => {
    storage = await startTestStorage();
    connector = await new ConnectorStub().start();
    store = new AnnouncementStore(storage.tables);
  });
  afterAll(async () => {
    await connector.stop();
    await storage.close();
  });
  beforeEach(() => {
    connector.clear();
    connector.injectFault(undefined);
  });

  const options = (owner: string, extra: Partial<WorkerOptions> = {}): WorkerOptions => ({
    owner,
    ratePerSec: 1000,
    concurrency: 16,
    leaseMs: 3000,
    heartbeatMs: 200,
    pollMs: 100,
    backoff: { baseMs: 5, maxMs: 40, maxAttempts: 6 },
    ...extra,
  });

  function worker(list: ConversationRecord[], audit: AuditLog, owner: string, extra?: Partial<WorkerOptions>) {
    return new AnnouncementWorker(
      store,
      new ConnectorRestSender(async () => undefined, realTiming),
      async function* () {
        yield* list;
      },
      { announcement: announcementActivity, progress: progressActivity },
      audit,
      realTiming,
      createLogger('silent'),
      options(owner, extra),
    );
  }

  async function newJob(total: number, progress = true): Promise<AnnouncementJob> {
    const now = Date.now();
    return store.createJob({
      id: AnnouncementStore.newJobId(now),
      tenantId: TENANT,
      createdBy: 'admin-1',
      createdAt: new Date(now).toISOString(),
      target: { kind: 'all' },
      state: 'preparing',
      total,
      sent: 0,
      failed: 0,
      unreachable: 0,
      ...(progress ? { progressCard: { serviceUrl: connector.url, conversationId: 'a:admin', userId: '29:admin', botId: '28:bot', activityId: 'preview-1', lang: 'en' as const } } : {}),
    });
  }

  async function finished(jobId: string, timeoutMs = 20_000): Promise<AnnouncementJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await store.getJob(jobId);
      if (job && (job.state === 'done' || job.state === 'cancelled') && job.finishedAt) return job;
      if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('200 recipients with 429s and 503s: each delivered exactly once, 403s marked unreachable and not retried', async () => {
    const list = recipients(200, connector.url, 'a');
    const attempts = new Map<string, number>();
    connector.injectFault((call) => {
      if (call.method !== 'POST' || !call.conversationId?.startsWith('a:a-')) return undefined;
      const i = Number(call.conversationId.split('-')[1]);
      const n = (attempts.get(call.conversationId) ?? 0) + 1;
      attempts.set(call.conversationId, n);
      if (i % 50 === 7) return { status: 403 };
      if (i % 10 === 0 && n === 1) return { status: 429, headers: { 'retry-after': '0' } };
      if (i % 7 === 0 && n <= 2) return { status: 503 };
      if (i % 23 === 0 && n === 1) return { status: 502 };
      return undefined;
    });
    const audit = new MemoryAudit();
    const job = await newJob(200);
    const w = worker(list, audit, 'solo');
    w.start();
    const done = await finished(job.id);
    await w.stop();

    expect(done).toMatchObject({ state: 'done', total: 200, sent: 196, failed: 0, unreachable: 4 });
    const delivered = deliveredPerConversation(connector.calls);
    for (const r of list) {
      const i = Number(r.conversationId.split('-')[1]);
      expect({ i, count: delivered.get(r.conversationId) ?? 0 }).toEqual({ i, count: i % 50 === 7 ? 0 : 1 });
    }
    // The unreachable ones were tried once and never again.
    for (const i of [7, 57, 107, 157]) expect(attempts.get(`a:a-${i}`)).toBe(1);
    // Each recipient's outcome is stored.
    expect(await store.countRecipients(job.id)).toEqual({ pending: 0, sent: 196, failed: 0, unreachable: 4 });
    // The admin's card was updated in place, the last time with the final figures.
    const updates = connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === 'a:admin');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(updates[updates.length - 1].body)).toContain('Announcement sent');
    expect(audit.entries.map((e) => e.action)).toContain('announcement.finished');
  });

  test('a recipient still throttled after every attempt counts as failed', async () => {
    const list = recipients(5, connector.url, 'b');
    connector.injectFault((call) => (call.method === 'POST' && call.conversationId === 'a:b-2' ? { status: 429, headers: { 'retry-after': '0' } } : undefined));
    const job = await newJob(5, false);
    const w = worker(list, new MemoryAudit(), 'solo-b', { backoff: { baseMs: 1, maxMs: 4, maxAttempts: 3 } });
    w.start();
    const done = await finished(job.id);
    await w.stop();
    expect(done).toMatchObject({ sent: 4, failed: 1, unreachable: 0 });
    expect(connector.calls.filter((c) => c.conversationId === 'a:b-2')).toHaveLength(3);
  });

  test('two instances over the same storage never send to the same recipient twice', async () => {
    const list = recipients(150, connector.url, 'c');
    const jobs = [await newJob(150, false)];
    const a = worker(list, new MemoryAudit(), 'instance-a', { ratePerSec: 500 });
    const b = worker(list, new MemoryAudit(), 'instance-b', { ratePerSec: 500 });
    a.start();
    b.start();
    // A second job while both run: whichever claims it, nobody else does.
    jobs.push(await newJob(150, false));
    for (const job of jobs) await finished(job.id);
    await Promise.all([a.stop(), b.stop()]);
    const delivered = deliveredPerConversation(connector.calls);
    for (const r of list) expect({ c: r.conversationId, n: delivered.get(r.conversationId) }).toEqual({ c: r.conversationId, n: 2 });
  });

  test('a cancelled job stops sending and reports what was not sent', async () => {
    const list = recipients(400, connector.url, 'd');
    const job = await newJob(400);
    const w = worker(list, new MemoryAudit(), 'solo-d', { ratePerSec: 100, heartbeatMs: 100 });
    w.start();
    await connector.waitFor((calls) => calls.filter((c) => c.method === 'POST').length >= 20);
    // The worker rewrites the job row on every heartbeat: cancel as the service does, again on a stale ETag.
    let cancelled;
    for (let attempt = 0; !cancelled && attempt < 20; attempt++) {
      const running = (await store.getJob(job.id))!;
      cancelled = await store.updateJobIfUnchanged(job.id, running.etag, { state: 'cancelled', cancelledBy: 'admin-1' });
    }
    expect(cancelled).toBeDefined();
    const done = await finished(job.id);
    await w.stop();
    expect(done.state).toBe('cancelled');
    expect(done.sent).toBeGreaterThan(0);
    expect(done.sent).toBeLessThan(400);
    const posts = connector.calls.filter((c) => c.method === 'POST' && c.conversationId?.startsWith('a:d-')).length;
    expect(posts).toBe(done.sent);
    const updates = connector.calls.filter((c) => c.method === 'PUT');
    expect(JSON.stringify(updates[updates.length - 1].body)).toContain('Announcement cancelled');
  });
});
