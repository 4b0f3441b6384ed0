import { TableClient, TableServiceClient, type TableServiceClientOptions } from '@azure/data-tables';
import type { TokenCredential } from '@azure/core-auth';

/** Hands out table clients, creating each table the first time it is used. */
export interface TableProvider {
  table(name: string): Promise<TableClient>;
  /** Resolves when the storage account answers; used by the readiness probe. */
  ping(timeoutMs?: number): Promise<void>;
}

export type TableEndpoint =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; accountUrl: string; credential: TokenCredential };

export function createTableProvider(endpoint: TableEndpoint): TableProvider {
  const options: TableServiceClientOptions = {
    // Teams waits about 5 s for a card action's answer: retry briefly, then tell the user.
    retryOptions: { maxRetries: 2, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
    ...(endpoint.kind === 'connectionString' && /TableEndpoint=http:|DefaultEndpointsProtocol=http;|UseDevelopmentStorage=true/i.test(endpoint.connectionString)
      ? { allowInsecureConnection: true }
      : {}),
  };
  const makeTable = (name: string): TableClient =>
    endpoint.kind === 'connectionString'
      ? TableClient.fromConnectionString(endpoint.connectionString, name, options)
      : new TableClient(endpoint.accountUrl, name, endpoint.credential, options);
  const service =
    endpoint.kind === 'connectionString'
      ? TableServiceClient.fromConnectionString(endpoint.connectionString, options)
      : new TableServiceClient(endpoint.accountUrl, endpoint.credential, options);

  const ready = new Map<string, Promise<TableClient>>();

  return {
    table(name) {
      let pending = ready.get(name);
      if (!pending) {
        const client = makeTable(name);
        // createTable treats "already exists" as success; a failure is forgotten so the next call retries.
        pending = client.createTable().then(() => client);
        pending.catch(() => ready.delete(name));
        ready.set(name, pending);
      }
      return pending;
    },
    async ping(timeoutMs = 2000) {
      const abort = AbortSignal.timeout(timeoutMs);
      const pages = service.listTables({ abortSignal: abort }).byPage({ maxPageSize: 1 });
      await pages.next();
    },
  };
}
