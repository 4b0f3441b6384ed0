import { startTestStorage } from '../harness/testStorage';

describe('embedded Azurite in the same process as restify', () => {
  test('filtered queries are honoured (restify patches http.IncomingMessage for the whole process)', async () => {
    // Loading restify applies its process-wide patch, as the running bot does.
    await import('restify');
    const storage = await startTestStorage();
    try {
      const table = await storage.tables.table('FilterCheck');
      await table.upsertEntity({ partitionKey: 'p1', rowKey: 'a', state: 'active' });
      await table.upsertEntity({ partitionKey: 'p1', rowKey: 'b', state: 'revoked' });
      await table.upsertEntity({ partitionKey: 'p2', rowKey: 'c', state: 'active' });
      const rows: string[] = [];
      for await (const e of table.listEntities({ queryOptions: { filter: "PartitionKey eq 'p1' and state eq 'active'" } })) rows.push(e.rowKey!);
      expect(rows).toEqual(['a']);
    } finally {
      await storage.close();
    }
  });
});
