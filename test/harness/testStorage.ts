import { startEmbeddedTableStorage, type EmbeddedTableStorage } from '../../src/storage/embeddedAzurite';
import { createTableProvider, type TableProvider } from '../../src/storage/tableProvider';

/** A real Azurite table service (in memory) for one test file. */
export interface TestStorage {
  readonly connectionString: string;
  readonly tables: TableProvider;
  close(): Promise<void>;
}

export async function startTestStorage(): Promise<TestStorage> {
  const azurite: EmbeddedTableStorage = await startEmbeddedTableStorage(null);
  return {
    connectionString: azurite.connectionString,
    tables: createTableProvider({ kind: 'connectionString', connectionString: azurite.connectionString }),
    close: () => azurite.close(),
  };
}
