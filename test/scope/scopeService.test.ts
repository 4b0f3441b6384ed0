import { randomUUID } from 'node:crypto';
import { startTestStorage, type TestStorage } from '../harness/testStorage';
import { TableScopeStore } from '../../src/scope/tableScopeStore';
import { ScopeService } from '../../src/scope/scopeService';
import { FileDirectory } from '../../src/directory/fileDirectory';
import { DirectoryNotConfiguredError, NoDirectory } from '../../src/directory/directory';

describe('ScopeService (Azurite)', () => {
  let storage: TestStorage;
  // Tenant names unique to this run: the tests must not depend on what else the storage holds.
  const run = randomUUID().slice(0, 8);
  const directory = new FileDirectory({ users: [{ id: 'u-in' }, { id: 'u-out' }], groups: [{ id: 'g-sales', displayName: 'Sales', members: ['u-in'] }] });
  const clock = () => new Date('2026-03-01T12:00:00.000Z');
  beforeAll(async () => {
    storage = await startTestStorage();
  });
  afterAll(() => storage.close());

  test('before any admin sets it, the scope is INTEGRATION_DEFAULT', async () => {
    const store = new TableScopeStore(storage.tables);
    expect(await new ScopeService(store, directory, 'all', clock).current(`t-default-${run}`)).toEqual({ mode: 'all' });
    const off = new ScopeService(store, directory, 'off', clock);
    expect(await off.setting(`t-default-${run}`)).toEqual({ scope: { mode: 'off' }, setBy: 'default', setAt: '' });
    expect(await off.isInScope(`t-default-${run}`, 'u-in')).toBe(false);
  });

  test('set records who and when, returns the previous setting, and decides who is in scope', async () => {
    const service = new ScopeService(new TableScopeStore(storage.tables), directory, 'all', clock);
    const change = await service.set(`t1-${run}`, { mode: 'group', groupId: 'g-sales', groupName: 'Sales' }, 'admin:a');
    expect(change.previous).toEqual({ scope: { mode: 'all' }, setBy: 'default', setAt: '' });
    expect(change.current).toEqual({ scope: { mode: 'group', groupId: 'g-sales', groupName: 'Sales' }, setBy: 'admin:a', setAt: '2026-03-01T12:00:00.000Z' });
    expect(await service.check(`t1-${run}`, 'u-in')).toMatchObject({ inScope: true });
    expect(await service.check(`t1-${run}`, 'u-out')).toMatchObject({ inScope: false, reason: 'notInGroup' });
    const off = await service.set(`t1-${run}`, { mode: 'off' }, 'admin:b');
    expect(off.previous.setBy).toBe('admin:a');
    expect(await service.check(`t1-${run}`, 'u-in')).toMatchObject({ inScope: false, reason: 'off' });
    // Another tenant is unaffected.
    expect(await service.isInScope(`t2-${run}`, 'u-out')).toBe(true);
  });

  test('concurrent sets all land, one after the other (no lost update error)', async () => {
    const service = new ScopeService(new TableScopeStore(storage.tables), directory, 'all', clock);
    const results = await Promise.all([service.set(`t3-${run}`, { mode: 'off' }, 'admin:a'), service.set(`t3-${run}`, { mode: 'all' }, 'admin:b'), service.set(`t3-${run}`, { mode: 'off' }, 'admin:c')]);
    const previousSetters = results.map((r) => r.previous.setBy).sort();
    // Serialized: exactly one saw the default, the others each saw another's write.
    expect(previousSetters.filter((s) => s === 'default')).toHaveLength(1);
    expect(new Set(previousSetters).size).toBe(3);
  });

  test('group scope without a directory says so', async () => {
    const service = new ScopeService(new TableScopeStore(storage.tables), new NoDirectory(), 'all', clock);
    await service.set(`t4-${run}`, { mode: 'group', groupId: 'g', groupName: 'G' }, 'admin:a');
    await expect(service.isInScope(`t4-${run}`, 'u')).rejects.toBeInstanceOf(DirectoryNotConfiguredError);
  });
});
