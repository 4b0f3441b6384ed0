import http from 'node:http';
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
