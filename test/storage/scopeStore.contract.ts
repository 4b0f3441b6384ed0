import { randomUUID } from 'node:crypto';
import { ScopeConflictError, type ScopeStore } from '../../src/scope/scopeStore';

/** The behaviour every ScopeStore must have; run against each implementation. */
export function scopeStoreContract(name: string, open: () => Promise<{ store: ScopeStore; close: () => Promise<void> }>): void {
  describe(`ScopeStore contract: ${name}`, () => {
    let store: ScopeStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(() => close());

    // Tenant names unique to this run: the suite must not depend on what else the storage holds.
    const run = randomUUID().slice(0, 8);
    const t = (name: string) => `${name}-${run}`;

    test('nothing is stored before a first put', async () => {
      expect(await store.get(t('tenant-none'))).toBeUndefined();
    });

    test('put then get round-trips the scope, who set it and when', async () => {
      const setting = { scope: { mode: 'group' as const, groupId: 'g-1', groupName: 'Ventes & Marketing' }, setBy: 'admin:a', setAt: '2026-01-01T00:00:00.000Z' };
      const written = await store.put(t('tenant/1'), setting, null);
      const read = await store.get(t('tenant/1'));
      expect(read?.setting).toEqual(setting);
      expect(read?.etag).toBe(written.etag);
    });

    test('a write with a stale ETag, or a create over an existing row, is refused and changes nothing', async () => {
      const first = await store.put(t('tenant-2'), { scope: { mode: 'all' }, setBy: 'admin:a', setAt: '2026-01-01T00:00:00.000Z' }, null);
      await expect(store.put(t('tenant-2'), { scope: { mode: 'off' }, setBy: 'admin:b', setAt: '2026-01-02T00:00:00.000Z' }, null)).rejects.toBeInstanceOf(ScopeConflictError);
      await store.put(t('tenant-2'), { scope: { mode: 'off' }, setBy: 'admin:b', setAt: '2026-01-02T00:00:00.000Z' }, first.etag);
      await expect(store.put(t('tenant-2'), { scope: { mode: 'all' }, setBy: 'admin:c', setAt: '2026-01-03T00:00:00.000Z' }, first.etag)).rejects.toBeInstanceOf(ScopeConflictError);
      expect((await store.get(t('tenant-2')))?.setting).toEqual({ scope: { mode: 'off' }, setBy: 'admin:b', setAt: '2026-01-02T00:00:00.000Z' });
    });
  });
}
