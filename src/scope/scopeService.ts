import type { Directory } from '../directory/directory';
import type { IntegrationScope, ScopeSetting } from './integrationScope';
import { ScopeConflictError, type ScopeStore } from './scopeStore';

/** Why a user may or may not connect. */
export type ScopeCheck =
  | { inScope: true; scope: IntegrationScope }
  | { inScope: false; scope: IntegrationScope; reason: 'off' | 'notInGroup' };

export interface ScopeChange {
  previous: ScopeSetting;
  current: ScopeSetting;
}

const MAX_ATTEMPTS = 5;

/**
 * The integration scope of each tenant. Before any admin sets one, it is INTEGRATION_DEFAULT
 * (`all` or `off`), reported as set by `default`.
 */
export class ScopeService {
  constructor(
    private readonly store: ScopeStore,
    private readonly directory: Directory,
    private readonly defaultMode: 'all' | 'off',
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** The setting in force, with who set it and when (`default` and an empty date before any admin did). */
  async setting(tenantId: string): Promise<ScopeSetting> {
    const stored = await this.store.get(tenantId);
    return stored?.setting ?? this.defaultSetting();
  }

  async current(tenantId: string): Promise<IntegrationScope> {
    return (await this.setting(tenantId)).scope;
  }

  /**
   * Sets the scope; returns the previous and new settings so callers can withdraw the consents the
   * change puts out of scope. Concurrent changes are serialized through the stored row's ETag.
   */
  async set(tenantId: string, scope: IntegrationScope, by: string): Promise<ScopeChange> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.store.get(tenantId);
      const current: ScopeSetting = { scope, setBy: by, setAt: this.clock().toISOString() };
      try {
        await this.store.put(tenantId, current, stored?.etag ?? null);
        return { previous: stored?.setting ?? this.defaultSetting(), current };
      } catch (err) {
        if (!(err instanceof ScopeConflictError)) throw err;
      }
    }
    throw new ScopeConflictError(`the scope of tenant ${tenantId} keeps changing; try again`);
  }

  /** Whether the user may consent now. Group scope asks the directory (which may throw when absent or down). */
  async check(tenantId: string, userAadObjectId: string): Promise<ScopeCheck> {
    const scope = await this.current(tenantId);
    if (scope.mode === 'all') return { inScope: true, scope };
    if (scope.mode === 'off') return { inScope: false, scope, reason: 'off' };
    return (await this.directory.isMember(scope.groupId, userAadObjectId)) ? { inScope: true, scope } : { inScope: false, scope, reason: 'notInGroup' };
  }

  async isInScope(tenantId: string, userAadObjectId: string): Promise<boolean> {
    return (await this.check(tenantId, userAadObjectId)).inScope;
  }

  private defaultSetting(): ScopeSetting {
    return { scope: { mode: this.defaultMode }, setBy: 'default', setAt: '' };
  }
}
