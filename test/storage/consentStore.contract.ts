import { randomUUID } from 'node:crypto';
import type { ConsentStore, GrantRequest } from '../../src/consent/consentStore';

/** The behaviour every ConsentStore must have; run against each implementation. */
export function consentStoreContract(name: string, open: () => Promise<{ store: ConsentStore; close: () => Promise<void> }>): void {
  describe(`ConsentStore contract: ${name}`, () => {
    let store: ConsentStore;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(() => close());

    // Tenant names unique to this run: the suite must not depend on what else the storage holds.
    const run = randomUUID().slice(0, 8);
    const tenant = (name: string) => `${name}-${run}`;
    let n = 0;
    const request = (over: Partial<GrantRequest> = {}): GrantRequest => ({
      tenantId: tenant('tenant-a'),
      userAadObjectId: `user-${++n}`,
      option: 'both',
      termsVersion: 1,
      grantedAt: '2026-01-01T10:00:00.000Z',
      locale: 'fr',
      ...over,
    });

    test('a user who never consented has no current record and an empty history', async () => {
      expect(await store.current(tenant('tenant-a'), 'nobody')).toBeUndefined();
      expect(await store.history(tenant('tenant-a'), 'nobody')).toEqual([]);
    });

    test('grant records an active consent with every field', async () => {
      const req = request({ userAadObjectId: 'user/with#odd|chars?', option: 'linkedin-only' });
      const result = await store.grant(req);
      expect(result.outcome).toBe('granted');
      const expected = { ...req, seq: 1, state: 'active' };
      expect(result.record).toEqual(expected);
      expect(await store.current(req.tenantId, req.userAadObjectId)).toEqual(expected);
      expect(await store.history(req.tenantId, req.userAadObjectId)).toEqual([expected]);
    });

    test('a second grant while active (same terms) changes nothing and returns the existing consent', async () => {
      const req = request();
      await store.grant(req);
      const again = await store.grant({ ...req, option: 'linkedin-only', grantedAt: '2026-01-02T00:00:00.000Z' });
      expect(again.outcome).toBe('alreadyActive');
      expect(again.record).toMatchObject({ option: 'both', grantedAt: req.grantedAt });
      expect(await store.history(req.tenantId, req.userAadObjectId)).toHaveLength(1);
    });

    test('concurrent grants give exactly one active consent', async () => {
      const req = request();
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.grant({ ...req, option: i % 2 ? 'both' : 'linkedin-only' })));
      expect(results.filter((r) => r.outcome === 'granted')).toHaveLength(1);
      const winner = results.find((r) => r.outcome === 'granted')!.record;
      for (const r of results) expect(r.record).toEqual(winner);
      expect(await store.history(req.tenantId, req.userAadObjectId)).toHaveLength(1);
    });

    test('revoke ends the active consent once; a new consent keeps the old one in history', async () => {
      const req = request();
      await store.grant(req);
      const [first, second] = await Promise.all([
        store.revoke(req.tenantId, req.userAadObjectId, req.userAadObjectId, '2026-01-03T00:00:00.000Z'),
        store.revoke(req.tenantId, req.userAadObjectId, req.userAadObjectId, '2026-01-03T00:00:01.000Z'),
      ]);
      expect([first.outcome, second.outcome].sort()).toEqual(['ended', 'notActive']);
      const current = await store.current(req.tenantId, req.userAadObjectId);
      expect(current).toMatchObject({ state: 'revoked', revokedBy: req.userAadObjectId });
      expect(current?.revokedAt).toMatch(/^2026-01-03T00:00:0[01]/);

      const again = await store.grant({ ...req, option: 'linkedin-only', grantedAt: '2026-01-04T00:00:00.000Z' });
      expect(again).toMatchObject({ outcome: 'granted', record: { seq: 2, state: 'active', option: 'linkedin-only' } });
      const history = await store.history(req.tenantId, req.userAadObjectId);
      expect(history.map((r) => [r.seq, r.state, r.option])).toEqual([
        [1, 'revoked', 'both'],
        [2, 'active', 'linkedin-only'],
      ]);
    });

    test('revoke or withdraw without an active consent reports notActive and writes nothing', async () => {
      expect(await store.revoke(tenant('tenant-a'), 'never', 'never', '2026-01-01T00:00:00.000Z')).toEqual({ outcome: 'notActive' });
      const req = request();
      await store.grant(req);
      await store.withdraw(req.tenantId, req.userAadObjectId, 'scope:off', '2026-01-05T00:00:00.000Z');
      const second = await store.revoke(req.tenantId, req.userAadObjectId, req.userAadObjectId, '2026-01-06T00:00:00.000Z');
      expect(second).toMatchObject({ outcome: 'notActive', record: { state: 'withdrawn', revokedBy: 'scope:off', revokedAt: '2026-01-05T00:00:00.000Z' } });
    });

    test('a grant under newer terms renews an active consent under older terms', async () => {
      const req = request();
      await store.grant(req);
      const renewed = await store.grant({ ...req, termsVersion: 2, grantedAt: '2026-02-01T00:00:00.000Z' });
      expect(renewed).toMatchObject({ outcome: 'granted', record: { seq: 2, termsVersion: 2 }, replaced: { seq: 1, state: 'revoked', revokedBy: 'renewed' } });
      const history = await store.history(req.tenantId, req.userAadObjectId);
      expect(history.map((r) => [r.termsVersion, r.state])).toEqual([
        [1, 'revoked'],
        [2, 'active'],
      ]);
    });

    test('listActive and countByOptionAndState see one tenant only, by each user\'s latest record', async () => {
      const t = tenant("tenant-'counted");
      await store.grant(request({ tenantId: t, userAadObjectId: 'a', option: 'both' }));
      await store.grant(request({ tenantId: t, userAadObjectId: 'b', option: 'linkedin-only' }));
      await store.grant(request({ tenantId: t, userAadObjectId: 'c', option: 'both' }));
      await store.revoke(t, 'c', 'c', '2026-01-02T00:00:00.000Z');
      await store.grant(request({ tenantId: t, userAadObjectId: 'd', option: 'both' }));
      await store.withdraw(t, 'd', 'admin:someone', '2026-01-02T00:00:00.000Z');
      await store.grant(request({ tenantId: tenant('other-tenant'), userAadObjectId: 'z' }));

      const active: string[] = [];
      for await (const r of store.listActive(t)) active.push(r.userAadObjectId);
      expect(active.sort()).toEqual(['a', 'b']);
      expect(await store.countByOptionAndState(t)).toEqual({
        both: { active: 1, revoked: 1, withdrawn: 1 },
        'linkedin-only': { active: 1, revoked: 0, withdrawn: 0 },
      });
    });
  });
}
