import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { RequestDrain } from '../../src/http/drain';

/** A server whose /slow requests wait until the test releases them. */
async function startServer() {
  const releases: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    if (req.url === '/slow') releases.push(() => res.end('slow done'));
    else res.end('fast');
  });
  const drain = new RequestDrain(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const waitForRequests = async (n: number) => {
    while (releases.length < n) await new Promise((r) => setTimeout(r, 5));
  };
  return { server, drain, url, releases, waitForRequests };
}

describe('RequestDrain', () => {
  it('lets requests in flight finish, refuses new connections, then resolves true', async () => {
    const { server, drain, url, releases, waitForRequests } = await startServer();
    const slow = fetch(`${url}/slow`).then((r) => r.text());
    await waitForRequests(1);
    expect(drain.active).toBe(1);

    const drained = drain.drain(5000);
    expect(drain.isDraining).toBe(true);
    expect(server.listening).toBe(false);
    await expect(fetch(`${url}/fast`, { headers: { connection: 'close' } })).rejects.toThrow();

    let settled = false;
    void drained.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);

    releases[0]();
    expect(await slow).toBe('slow done');
    expect(await drained).toBe(true);
    expect(drain.active).toBe(0);
  });

  it('closes the connections left after the grace period and resolves false', async () => {
    const { drain, url, waitForRequests } = await startServer();
    const slow = fetch(`${url}/slow`).then(
      () => 'answered',
      () => 'cut',
    );
    await waitForRequests(1);
    expect(await drain.drain(100)).toBe(false);
    expect(await slow).toBe('cut');
  });

  it('resolves at once when nothing is in flight, even with kept-alive connections open', async () => {
    const { drain, url } = await startServer();
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) =>
      http.get(`${url}/fast`, { agent }, (res) => res.resume().on('end', resolve)).on('error', reject),
    );
    const started = Date.now();
    expect(await drain.drain(10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    agent.destroy();
  });
});

describe('createApp close()', () => {
  it('lets the turn in flight finish, answers 503 to a request sent after shutdown began, and stops background tasks once', async () => {
    const { TestBot } = await import('../harness/testBot');
    const { message, newUser } = await import('../harness/activities');
    const bot = await TestBot.start();
    const events: string[] = [];
    bot.app.background.register({ name: 'loop', stop: async () => void events.push('loop stopped') });
    // A slow Bot Connector keeps the turn running while close() starts.
    bot.connector.injectFault(() => ({ status: 200, delayMs: 500 }));
    const user = newUser();
    const body = JSON.stringify(message(user, bot.serviceUrl, 'help'));
    const { port } = new URL(bot.url);
    const socket = net.connect(Number(port), '127.0.0.1');
    let received = '';
    socket.on('data', (c: Buffer) => (received += c.toString('utf8')));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    try {
      socket.write(
        `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
      await bot.connector.waitFor((calls) => calls.length > 0);
      const closing = bot.app.close();
      expect(bot.app.close()).toBe(closing);
      // A second request on the same kept-alive connection, sent once shutdown has begun.
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
      await closing;
      await ended;
      const statuses = [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
      expect(statuses).toEqual([200, 503]);
      expect(received).toMatch(/connection: close/i);
      expect(bot.connector.activities(user.conversationId)).toHaveLength(1);
      expect(events).toEqual(['loop stopped']);
    } finally {
      socket.destroy();
      await bot.connector.stop();
      await bot.storage.close();
    }
  });
});
