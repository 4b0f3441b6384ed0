import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/** Azurite's well-known development account (public, documented, local only). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedTableStorage {
  readonly connectionString: string;
  close(): Promise<void>;
}

interface AzuriteServer {
  start(): Promise<void>;
  close(): Promise<void>;
  getHttpServerAddress(): string;
  httpServer: http.Server;
}

/**
 * restify defines `query` on http.IncomingMessage.prototype for the whole process, and Azurite's
 * Express app only parses the query string when `req.query` is falsy: in the same process as
 * restify, Azurite would silently ignore `$filter` and return whole tables. Shadowing the
 * inherited property on Azurite's own requests lets Express parse them as it expects.
 */
function shadowRestifyQuery(server: http.Server): void {
  for (const listener of server.listeners('request') as Array<(req: http.IncomingMessage, res: http.ServerResponse) => void>) {
    server.removeListener('request', listener);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      Object.defineProperty(req, 'query', { value: undefined, writable: true, configurable: true, enumerable: true });
      listener(req, res);
    });
  }
}

/**
 * Starts Azurite's table service inside this process on a free loopback port, keeping its data in
 * `dataDir` (or in memory when `dataDir` is null) so a restart keeps what was stored.
 */
export async function startEmbeddedTableStorage(dataDir: string | null): Promise<EmbeddedTableStorage> {
  // Azurite ships no type declarations for these deep modules.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const TableServer = require('azurite/dist/src/table/TableServer').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const TableConfiguration = require('azurite/dist/src/table/TableConfiguration').default;
  let dbPath = '';
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    dbPath = path.join(dataDir, '__azurite_db_table__.json');
  }
  const config = new TableConfiguration(
    '127.0.0.1',
    0,
    undefined, // keep-alive timeout: default
    dbPath || undefined,
    false, // debug log
    false, // access log
    undefined,
    undefined,
    false, // loose
    false, // skip API version check
    '',
    '',
    '',
    undefined,
    false,
    dataDir === null, // in-memory persistence
  );
  const server: AzuriteServer = new TableServer(config);
  shadowRestifyQuery(server.httpServer);
  await server.start();
  const endpoint = `${server.getHttpServerAddress()}/${DEV_ACCOUNT}`;
  return {
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${endpoint};`,
    close: () => server.close(),
  };
}
