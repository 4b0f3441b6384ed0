import { randomUUID } from 'node:crypto';
import { startTestStorage, type TestStorage } from '../harness/testStorage';
import { TableConsentStore } from '../../src/consent/tableConsentStore';
import { TableScopeStore } from '../../src/scope/tableScopeStore';
import { TableConversationStore } from '../../src/conversations/tableConversationStore';
import { ScopeService } from '../../src/scope/scopeService';
import { ConsentService } from '../../src/consent/consentService';
import { FileDirectory } from '../../src/directory/fileDirectory';
import type { Sender } from '../../src/bot/turn';

describe('ConsentService.withdrawOutOfScope (Azurite)', () => {
  let storage: TestStorage;
  let consents: TableConsentStore;
  let scope: ScopeService;
  let service: ConsentService;
  const tenantId = `tenant-${randomUUID()}`;
  const sender = (aadObjectId: string): Sender => ({ tenantId, aadObjectId, userId: `29:${aadObjectId}` });
  const directory = new FileDirectory({ groups: [{ id: 'g-sales', displayName: 'Sales', members: ['alice'] }] });

  beforeAll(async () => {
    storage = await startTestStorage();
    consents = new TableConsentStore(storage.tables);
    scope = new ScopeService(new TableScopeStore(storage.tables), directory, 'all');
    service = new ConsentService(consents, scope, new TableConversationStore(storage.tables), () => new Date('2026-05-01T00:00:00.000Z'));
  });
  afterAll(() => storage.close());

  test('narrowing to a group withdraws the others; off withdraws everyone; widening restores none', async () => {
    for (const user of ['alice', 'bob', 'carol']) expect((await service.grant(sender(user), 'both', 'en')).outcome).toBe('granted');
    await consents.revoke(tenantId, 'carol', 'carol', '2026-04-01T00:00:00.000Z');

    await scope.set(tenantId, { mode: 'group', groupId: 'g-sales', groupName: 'Sales' }, 'admin:root');
    expect(await service.withdrawOutOfScope(tenantId, 'admin:root')).toEqual({ withdrawn: 1, kept: 1 });
    expect(await consents.current(tenantId, 'bob')).toMatchObject({ state: 'withdrawn', revokedBy: 'admin:root', revokedAt: '2026-05-01T00:00:00.000Z' });
    // Carol's own revoke is not rewritten as a withdrawal.
    expect(await consents.current(tenantId, 'carol')).toMatchObject({ state: 'revoked', revokedBy: 'carol' });
    // Bob is out of scope now: he cannot consent again.
    expect(await service.grant(sender('bob'), 'both', 'en')).toEqual({ outcome: 'outOfScope', reason: 'notInGroup' });

    await scope.set(tenantId, { mode: 'off' }, 'admin:root');
    expect(await service.withdrawOutOfScope(tenantId, 'admin:root')).toEqual({ withdrawn: 1, kept: 0 });
    await scope.set(tenantId, { mode: 'all' }, 'admin:root');
    expect(await service.withdrawOutOfScope(tenantId, 'admin:root')).toEqual({ withdrawn: 0, kept: 0 });
    expect((await consents.current(tenantId, 'alice'))?.state).toBe('withdrawn');
    expect(await consents.countByOptionAndState(tenantId)).toEqual({
      both: { active: 0, revoked: 1, withdrawn: 2 },
      'linkedin-only': { active: 0, revoked: 0, withdrawn: 0 },
    });
  });
});
