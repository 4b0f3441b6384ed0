import type { TableProvider } from '../storage/tableProvider';
import { encodeKey } from '../storage/tableKeys';
import { isConflict, isNotFound } from '../storage/storageErrors';
import { integrationScopeSchema, type ScopeSetting } from './integrationScope';
import { ScopeConflictError, type ScopeStore, type VersionedScope } from './scopeStore';

const TABLE = 'Scopes';
const ROW = 'scope';

interface ScopeEntity {
  partitionKey: string;
  rowKey: string;
  mode: string;
  groupId?: string;
  groupName?: string;
  setBy: string;
  setAt: string;
}

function toEntity(tenantId: string, s: ScopeSetting): ScopeEntity {
  return {
    partitionKey: encodeKey(tenantId),
    rowKey: ROW,
    mode: s.scope.mode,
    ...(s.scope.mode === 'group' ? { groupId: s.scope.groupId, groupName: s.scope.groupName } : {}),
    setBy: s.setBy,
    setAt: s.setAt,
  };
}

/** One row per tenant. */
export class TableScopeStore implements ScopeStore {
  constructor(private readonly tables: TableProvider) {}

  async get(tenantId: string): Promise<VersionedScope | undefined> {
    const table = await this.tables.table(TABLE);
    let e: ScopeEntity & { etag: string };
    try {
      e = await table.getEntity<ScopeEntity>(encodeKey(tenantId), ROW);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    const parsed = integrationScopeSchema.safeParse({ mode: e.mode, groupId: e.groupId, groupName: e.groupName ?? '' });
    // A row no code could have written: the safe reading is "off" (nobody can consent).
    const scope = parsed.success ? parsed.data : { mode: 'off' as const };
    return { setting: { scope, setBy: e.setBy, setAt: e.setAt }, etag: e.etag };
  }

  async put(tenantId: string, setting: ScopeSetting, expectedEtag: string | null): Promise<VersionedScope> {
    const table = await this.tables.table(TABLE);
    const entity = toEntity(tenantId, setting);
    try {
      const response = expectedEtag === null ? await table.createEntity(entity) : await table.updateEntity(entity, 'Replace', { etag: expectedEtag });
      return { setting, etag: response.etag ?? '' };
    } catch (err) {
      if (isConflict(err)) throw new ScopeConflictError(`the scope of tenant ${tenantId} changed meanwhile`);
      throw err;
    }
  }
}
