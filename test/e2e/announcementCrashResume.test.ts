import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { ConnectorStub, type ConnectorCall } from '../harness/connectorStub';
import { startTestStorage, type TestStorage } from '../harness/testStorage';
import { execute, installedReference, message, newUser } from '../harness/activities';
import { TableConversationStore } from '../../src/conversations/tableConversationStore';
import { AnnouncementStore } from '../../src/announcements/announcementStore';

const ROOT = path.join(__dirname, '../..');
const isAnnouncement = (c: ConnectorCall) => c.method === 'POST' && c.status < 300 && typeof c.body.summary === 'string';

/** The bot as `npm start` runs it, in its own process, on storage this test owns. */
async function startBotProcess(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/index.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', TS_NODE_PROJECT: 'tsconfig.json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`bot process did not start: ${stderr}`)), 20_000);
    child.once('exit', (code) => reject(new Error(`bot process exited (${code}): ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { url?: string };
        if (entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // not a log line
      }
    });
  });
  return { child, url };
}

async function post(url: string, activity: object): Promise<unknown> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

describe('announcement survives a crash (bot in a child process, killed with SIGKILL mid-job)', () => {
  let storage: TestStorage;
  let connector: ConnectorStub;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    storage = await startTestStorage();
    connector = await new ConnectorStub().start();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await connector.stop();
    await storage.close();
  });

  // Two bot processes start in this test (a few seconds each on a busy machine): it gets more time.
  test('a new process resumes the job: everyone gets the message, repeats at most the sends in flight at the kill', async () => {
    const tenantId = 'e0e0e0e0-0000-4000-8000-000000000001';
    const admin = newUser({ tenantId });
    const recipients = Array.from({ length: 40 }, () => newUser({ tenantId }));
    const env = {
      PORT: '0',
      STORAGE_CONNECTION_STRING: storage.connectionString,
      ADMIN_AAD_OBJECT_IDS: admin.aadObjectId,
      ANNOUNCE_RATE_PER_SEC: '15',
      ANNOUNCE_LEASE_SECONDS: '1',
      LOG_LEVEL: 'info',
    };
    const starting = startBotProcess(env);
    const conversations = new TableConversationStore(storage.tables);
    for (const u of recipients) {
      await conversations.save(installedReference(u, connector.url));
    }
    const first = await starting;
    children.push(first.child);
    await post(first.url, message(admin, connector.url, 'admin announce all'));
    await post(first.url, execute(admin, connector.url, 'announcementSend', { target: 'all' }));
    await connector.waitFor((calls) => calls.filter(isAnnouncement).length >= 10, 15_000);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const atKill = connector.calls.filter(isAnnouncement).length;
    expect(atKill).toBeLessThan(41);

    const second = await startBotProcess(env);
    children.push(second.child);
    const store = new AnnouncementStore(storage.tables);
    const deadline = Date.now() + 20_000;
    let job = await store.latestJob(tenantId);
    while (job?.state !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      job = await store.latestJob(tenantId);
    }
    second.child.kill('SIGTERM');
    expect(job).toMatchObject({ state: 'done', total: 41, sent: 41 });

    const perConversation = new Map<string, number>();
    for (const c of connector.calls.filter(isAnnouncement)) perConversation.set(c.conversationId!, (perConversation.get(c.conversationId!) ?? 0) + 1);
    for (const u of [admin, ...recipients]) expect(perConversation.get(u.conversationId) ?? 0).toBeGreaterThanOrEqual(1);
    // Only sends in flight at the kill can repeat: the sender runs at most 4 at once at this rate.
    const repeats = [...perConversation.values()].reduce((sum, n) => sum + n - 1, 0);
    expect(repeats).toBeLessThanOrEqual(4);
  }, 60_000);
});
