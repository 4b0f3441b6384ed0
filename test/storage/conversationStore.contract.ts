import type { ConversationRecord, ConversationStore } from '../../src/conversations/conversationStore';

/** The behaviour every ConversationStore must have; run against each implementation. */
export function conversationStoreContract(name: string, open: () => Promise<{ store: ConversationStore; close: () => Promise<void> }>): void {
  describe(`ConversationStore contract: ${name}`, () => {
    let store: ConversationStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(() => close());

    const record = (over: Partial<ConversationRecord> = {}): ConversationRecord => ({
      tenantId: 'tenant-a',
      userAadObjectId: 'user-1',
      userId: '29:abc',
      conversationId: 'a:conv/with#odd?chars',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
      channelId: 'msteams',
      botId: '28:bot',
      locale: 'fr',
      installed: true,
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...over,
    });

    test('get returns undefined for an unknown user', async () => {
      expect(await store.get('tenant-a', 'nobody')).toBeUndefined();
    });

    test('save then get round-trips every field', async () => {
      const r = record({ userAadObjectId: 'user/with\\slashes' });
      await store.save(r);
      expect(await store.get(r.tenantId, r.userAadObjectId)).toEqual(r);
    });

    test('save replaces the previous record (fields can be removed)', async () => {
      await store.save(record({ userAadObjectId: 'user-2', installed: false, uninstalledAt: '2026-01-02T00:00:00.000Z' }));
      await store.save(record({ userAadObjectId: 'user-2', installed: true }));
      const got = await store.get('tenant-a', 'user-2');
      expect(got?.installed).toBe(true);
      expect(got?.uninstalledAt).toBeUndefined();
    });

    test('list returns the records of one tenant only', async () => {
      await store.save(record({ tenantId: 'tenant-b', userAadObjectId: 'u1' }));
      await store.save(record({ tenantId: 'tenant-b', userAadObjectId: 'u2' }));
      await store.save(record({ tenantId: "tenant-'c", userAadObjectId: 'u3' }));
      const ids: string[] = [];
      for await (const r of store.list('tenant-b')) ids.push(r.userAadObjectId);
      expect(ids.sort()).toEqual(['u1', 'u2']);
      const quoted: string[] = [];
      for await (const r of store.list("tenant-'c")) quoted.push(r.userAadObjectId);
      expect(quoted).toEqual(['u3']);
    });
  });
}
