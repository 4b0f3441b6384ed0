import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestBot, cardOf, cardText, executeActions } from '../harness/testBot';
import { installedReference, newUser, type TestUser } from '../harness/activities';
import { startTestStorage, type TestStorage } from '../harness/testStorage';
import type { ConnectorCall } from '../harness/connectorStub';
import type { AnnouncementJob } from '../../src/announcements/announcementStore';

const isAnnouncement = (c: ConnectorCall) =>
  c.method === 'POST' && c.status < 300 && /LinkedIn account connections are available|Les connexions de comptes LinkedIn sont disponibles/.test(String(c.body.summary));

/** Announcements delivered (2xx) into each conversation. */
function deliveries(calls: ConnectorCall[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls.filter(isAnnouncement)) out.set(c.conversationId!, (out.get(c.conversationId!) ?? 0) + 1);
  return out;
}

describe('announcements, through /api/messages', () => {
  let storage: TestStorage;
  let bot: TestBot;
  let dir: string;
  let directoryFile: string;
  const tenantId = 'b0b0b0b0-0000-4000-8000-000000000001';
  const admin = newUser({ tenantId, aadObjectId: 'ad000000-0000-4000-8000-0000000000b1' });
  const users: TestUser[] = Array.from({ length: 200 }, (_, i) => newUser({ tenantId, locale: i % 3 === 0 ? 'fr-FR' : 'en-US' }));

  beforeAll(async () => {
    storage = await startTestStorage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'announce-e2e-'));
    directoryFile = path.join(dir, 'directory.json');
    fs.writeFileSync(
      directoryFile,
      JSON.stringify({ users: [], groups: [{ id: 'd0d0d0d0-0000-4000-8000-000000000001', displayName: 'Pilot', members: [users[1], users[2], users[3], users[4]].map((u) => u.aadObjectId) }] }),
    );
    bot = await TestBot.start({ storage, env: { ADMIN_AAD_OBJECT_IDS: admin.aadObjectId, DIRECTORY_FILE: directoryFile, ANNOUNCE_RATE_PER_SEC: '400', LOG_LEVEL: 'warn' } });
    // Each user installed the bot (their references are what installs store); the last one removed it since.
    for (const [i, u] of users.entries()) {
      await bot.app.stores.conversations.save(installedReference(u, bot.serviceUrl, { installed: i !== 4 }));
    }
  });
  afterAll(async () => {
    await bot.stop();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function finished(bot: TestBot, tenant: string, timeoutMs = 20_000): Promise<AnnouncementJob> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = await bot.app.services.announcements.latestJob(tenant);
      if (job && (job.state === 'done' || job.state === 'cancelled') && job.finishedAt) return job;
      if (Date.now() > deadline) throw new Error(`announcement did not finish: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  test('announce all: a preview with the count and the exact card; Send delivers each exactly once despite 429s and 503s; progress and final count', async () => {
    const [reply] = await bot.say(admin, 'admin announce all');
    const preview = cardOf(reply)!;
    const text = cardText(preview);
    // 199 installed users, plus the admin, whose reference the bot keeps like anyone's.
    expect(text).toContain('Recipients: 200 people, everyone who installed the bot.');
    expect(text).toContain('LinkedIn account connections are available');
    expect(JSON.stringify(preview)).toContain('https://support.microsoft.com/office/your-data-ae9c08a7-4d06-45b5-a065-320a97bc1400');
    expect(await bot.app.services.announcements.latestJob(tenantId)).toBeUndefined();

    const attempts = new Map<string, number>();
    const blocked = new Set([users[10].conversationId, users[11].conversationId]);
    bot.connector.injectFault((call) => {
      if (call.method !== 'POST' || !call.conversationId || call.conversationId === admin.conversationId) return undefined;
      const n = (attempts.get(call.conversationId) ?? 0) + 1;
      attempts.set(call.conversationId, n);
      const i = users.findIndex((u) => u.conversationId === call.conversationId);
      if (blocked.has(call.conversationId)) return { status: 403 };
      if (i % 9 === 0 && n === 1) return { status: 429, headers: { 'retry-after': '0' } };
      if (i % 13 === 0 && n <= 2) return { status: 503 };
      if (i % 31 === 0 && n === 1) return { status: 504 };
      return undefined;
    });
    const send = executeActions(preview).find((a) => a.verb === 'announcementSend')!;
    const { response } = await bot.execute(admin, send.verb, send.data);
    expect(cardText(response.value)).toContain('Sending the announcement');

    const job = await finished(bot, tenantId);
    bot.connector.injectFault(undefined);
    expect(job).toMatchObject({ state: 'done', total: 200, sent: 198, failed: 0, unreachable: 2 });

    const delivered = deliveries(bot.connector.calls);
    for (const [i, u] of users.entries()) {
      const expected = i === 4 || blocked.has(u.conversationId) ? 0 : 1;
      expect({ i, n: delivered.get(u.conversationId) ?? 0 }).toEqual({ i, n: expected });
    }
    expect(delivered.get(admin.conversationId)).toBe(1);
    for (const c of blocked) expect(attempts.get(c)).toBe(1);
    // Each recipient in their own language.
    const french = bot.connector.calls.find((c) => isAnnouncement(c) && c.conversationId === users[3].conversationId)!;
    expect(cardText(french.body)).toContain('Les connexions de comptes LinkedIn sont disponibles');
    expect(cardText(french.body)).toContain('Poser une question');

    // The preview card was replaced in place by progress, ending with the final count.
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && cardText(c.body).includes('Announcement sent')));
    const updates = bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === admin.conversationId);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    const last = cardText(updates[updates.length - 1].body);
    expect(last).toContain('Announcement sent');
    expect(last).toMatch(/Delivered\n198\nFailed\n0\nUnreachable \(bot blocked or removed\)\n2/);

    const [status] = await bot.say(admin, 'admin status');
    expect(cardText(cardOf(status))).toContain('198 delivered, 0 failed, 2 unreachable, of 200');
    const audit = await bot.app.services.audit.latest(tenantId, 10);
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['announcement.started', 'announcement.finished']));
  });

  test('announce group: only the installed members of the group get it', async () => {
    bot.connector.clear();
    const [reply] = await bot.say(admin, 'admin announce group pilot');
    const preview = cardOf(reply)!;
    expect(cardText(preview)).toContain('Recipients: 3 people, the members of Pilot (d0d0d0d0-0000-4000-8000-000000000001) who installed the bot.');
    const send = executeActions(preview).find((a) => a.verb === 'announcementSend')!;
    expect(send.data).toEqual({ target: 'group', groupId: 'd0d0d0d0-0000-4000-8000-000000000001' });
    await bot.execute(admin, send.verb, send.data);
    const job = await finished(bot, tenantId);
    expect(job).toMatchObject({ total: 3, sent: 3, target: { kind: 'group', groupName: 'Pilot' } });
    expect([...deliveries(bot.connector.calls).keys()].sort()).toEqual([users[1], users[2], users[3]].map((u) => u.conversationId).sort());

    const [unknown] = await bot.say(admin, 'admin announce group nobody-here');
    expect(unknown.text).toContain('I found no group matching "nobody-here"');
  });

  test('non-admins cannot preview or send (audited); the Ask button invites a question; Cancel on the preview sends nothing', async () => {
    const user = users[20];
    const { response } = await bot.execute(user, 'announcementSend', { target: 'all' });
    expect(response.value).toBe('Sorry, this command is reserved for the administrators of the integration.');
    const audit = await bot.app.services.audit.latest(tenantId, 5);
    expect(audit[0]).toMatchObject({ action: 'admin.refused', actor: user.aadObjectId, detail: 'announcement.send' });
    expect((await bot.app.services.announcements.latestJob(tenantId))?.target).toMatchObject({ kind: 'group' });

    const [ask] = await bot.submit(user, { verb: 'announcementAsk' });
    expect(ask.text).toContain('Type your question here');

    const discard = await bot.execute(admin, 'announcementDiscard', {});
    expect(cardText(discard.response.value)).toContain('Announcement cancelled: nothing was sent.');
    expect(executeActions(discard.response.value)).toEqual([]);
  });

  test('two Sends at the same moment start one announcement; the other is told one is running', async () => {
    bot.connector.injectFault(undefined);
    const tenant = 'b0b0b0b0-0000-4000-8000-0000000000c2';
    const people = Array.from({ length: 3 }, () => newUser({ tenantId: tenant }));
    for (const u of people) {
      await bot.app.stores.conversations.save(installedReference(u, bot.serviceUrl));
    }
    const service = bot.app.services.announcements;
    const results = await Promise.all(['admin:one', 'admin:two'].map((actor) => service.start({ tenantId: tenant, actor, target: { kind: 'all' } })));
    expect(results.map((r) => r.kind).sort()).toEqual(['busy', 'started']);
    const [started, busy] = [results.find((r) => r.kind === 'started')!, results.find((r) => r.kind === 'busy')!];
    expect(busy.kind === 'busy' && started.kind === 'started' && busy.job.id === started.job.id).toBe(true);
    await finished(bot, tenant);
    const delivered = deliveries(bot.connector.calls);
    for (const u of people) expect(delivered.get(u.conversationId)).toBe(1);
  });

  test('admin announce cancel stops a running announcement; the final count says what was not sent', async () => {
    const slowTenant = randomUUID();
    const slowAdmin = newUser({ tenantId: slowTenant });
    const slow = await TestBot.start({ storage, env: { ADMIN_AAD_OBJECT_IDS: slowAdmin.aadObjectId, ANNOUNCE_RATE_PER_SEC: '20', LOG_LEVEL: 'warn' } });
    try {
      const list = Array.from({ length: 100 }, () => newUser({ tenantId: slowTenant }));
      for (const u of list) {
        await slow.app.stores.conversations.save(installedReference(u, slow.serviceUrl));
      }
      const [reply] = await slow.say(slowAdmin, 'admin announce all');
      const send = executeActions(cardOf(reply)).find((a) => a.verb === 'announcementSend')!;
      await slow.execute(slowAdmin, send.verb, send.data);
      await slow.connector.waitFor((calls) => calls.filter(isAnnouncement).length >= 5);

      const [busy] = await slow.say(slowAdmin, 'admin announce all');
      expect(busy.text).toContain('An announcement is already being sent');
      const [cancelled] = await slow.say(slowAdmin, 'admin announce cancel');
      expect(cancelled.text).toContain('The announcement is being stopped');
      const job = await finished(slow, slowTenant);
      expect(job.state).toBe('cancelled');
      expect(job.sent).toBeLessThan(101);
      const [status] = await slow.say(slowAdmin, 'admin status');
      expect(cardText(cardOf(status))).toContain(`Cancelled, started`);
      const sentAtEnd = slow.connector.calls.filter(isAnnouncement).length;
      expect(sentAtEnd).toBe(job.sent);
      await new Promise((r) => setTimeout(r, 300));
      expect(slow.connector.calls.filter(isAnnouncement).length).toBe(sentAtEnd);
      const [none] = await slow.say(slowAdmin, 'admin announce cancel');
      expect(none.text).toBe('No announcement is being sent right now.');
    } finally {
      await slow.stop();
    }
  });
});
