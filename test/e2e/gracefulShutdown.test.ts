import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectorStub } from '../harness/connectorStub';
import { message, newUser } from '../harness/activities';
import { ServerProcess, buildIfNeeded } from '../harness/serverProcess';

/**
 * The built server in its own process, stopped with SIGTERM as App Service stops it on a
 * restart, scale-in or deployment.
 */
describe('graceful shutdown on SIGTERM', () => {
  let connector: ConnectorStub;
  let dataDir: string;
  beforeAll(async () => {
    buildIfNeeded();
    connector = await new ConnectorStub().start();
  }, 180_000);
  afterAll(async () => {
    await connector.stop();
  });
  beforeEach(() => {
    connector.clear();
    connector.injectFault(undefined);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lica-shutdown-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('finishes the turn in flight, refuses new connections, and exits 0', async () => {
    // Embedded storage, no BOT_ID: the server listens on loopback without token checks.
    const server = await ServerProcess.start({ DATA_DIR: dataDir });
    try {
      // The Bot Connector takes 1.5 s to accept the reply: the turn is still running at SIGTERM.
      connector.injectFault(() => ({ status: 200, delayMs: 1500 }));
      const user = newUser();
      const turn = fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message(user, connector.url, 'help')),
      });
      await connector.waitFor((calls) => calls.some((c) => c.conversationId === user.conversationId));

      server.signal('SIGTERM');
      await waitUntil(() => server.messages().includes('shutting down'));
      await expect(fetch(`${server.url}/healthz`, { headers: { connection: 'close' } })).rejects.toThrow();

      const response = await turn;
      expect(response.status).toBe(200);
      expect(await server.exit()).toEqual({ code: 0, signal: null });

      // The reply went out once, and was accepted.
      const replies = connector.calls.filter((c) => c.conversationId === user.conversationId);
      expect(replies).toHaveLength(1);
      expect(replies[0].status).toBe(200);
      const order = server.messages();
      expect(order.indexOf('shutting down')).toBeLessThan(order.indexOf('HTTP server stopped; requests in flight finished'));
      expect(server.logs.find((l) => l.msg === 'HTTP server stopped; requests in flight finished')?.inFlight).toBe(1);
      expect(order.at(-1)).toBe('stopped');
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);

  it('exits 0 at once when idle, and starts again on the same embedded storage data', async () => {
    const user = newUser();
    const first = await ServerProcess.start({ DATA_DIR: dataDir });
    const res = await fetch(`${first.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message(user, connector.url, 'help')),
    });
    expect(res.status).toBe(200);
    const started = Date.now();
    first.signal('SIGTERM');
    expect(await first.exit()).toEqual({ code: 0, signal: null });
    expect(Date.now() - started).toBeLessThan(5000);

    // Same data directory: the embedded storage was stopped cleanly and opens again.
    const second = await ServerProcess.start({ DATA_DIR: dataDir });
    try {
      const ready = await fetch(`${second.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(fs.readdirSync(dataDir).length).toBeGreaterThan(0);
    } finally {
      second.signal('SIGTERM');
      expect((await second.exit()).code).toBe(0);
    }
  }, 60_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
