import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConnectorStub } from '../harness/connectorStub';
import { IngestionStub } from '../harness/ingestionStub';
import { message, newUser } from '../harness/activities';
import { ServerProcess, buildIfNeeded } from '../harness/serverProcess';

/**
 * The built server with APPLICATIONINSIGHTS_CONNECTION_STRING pointing at a loopback ingestion
 * endpoint: what Application Insights would receive.
 */
describe('Application Insights', () => {
  let connector: ConnectorStub;
  let ingestion: IngestionStub;
  let dataDir: string;
  beforeAll(async () => {
    buildIfNeeded();
    connector = await new ConnectorStub().start();
    ingestion = await new IngestionStub().start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lica-insights-'));
  }, 180_000);
  afterAll(async () => {
    await connector.stop();
    await ingestion.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports requests, and a failed turn as a failed request with its exception', async () => {
    const server = await ServerProcess.start({
      DATA_DIR: dataDir,
      APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString,
      ...ingestion.trustEnvironment,
      // The SDK's own usage statistics go to a Microsoft endpoint: off here, loopback only.
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
      APPLICATIONINSIGHTS_SDKSTATS_DISABLED: 'true',
    });
    try {
      expect(server.messages()).toContain('Application Insights: reporting requests and failures');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

      // The Bot Connector refuses every reply: the turn fails.
      connector.injectFault(() => ({ status: 400 }));
      const user = newUser();
      const res = await fetch(`${server.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message(user, connector.url, 'help')),
      });
      expect(res.status).toBe(200);

      // Shutdown flushes what is buffered.
      server.signal('SIGTERM');
      expect(await server.exit()).toEqual({ code: 0, signal: null });
      expect(server.messages()).not.toContain('could not flush telemetry');

      const requests = ingestion.ofType('RequestData');
      const health = requests.find((r) => String(r.url).endsWith('/healthz'));
      expect(health).toMatchObject({ responseCode: '200', success: true });
      const turn = requests.find((r) => String(r.url).endsWith('/api/messages'));
      expect(turn).toMatchObject({ success: false });
      const exceptions = ingestion.ofType('ExceptionData');
      expect(exceptions.length).toBeGreaterThan(0);
      expect(JSON.stringify(exceptions)).toMatch(/injected 400/);
    } finally {
      server.child.kill('SIGKILL');
    }
  }, 60_000);
});
