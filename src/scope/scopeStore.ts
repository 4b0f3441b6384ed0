import type { ScopeSetting } from './integrationScope';

/** The stored setting and the version it was read at, to write it back only if unchanged. */
export interface VersionedScope {
  setting: ScopeSetting;
  etag: string;
}

/** Another writer changed the scope between this writer's read and write. */
export class ScopeConflictError extends Error {
  override name = 'ScopeConflictError';
}

export interface ScopeStore {
  /** The tenant's stored scope, or undefined when no admin ever set one. */
  get(tenantId: string): Promise<VersionedScope | undefined>;
  /**
   * Writes the setting if the stored one is still at `expectedEtag` (or, with null, if none is
   * stored yet); otherwise throws ScopeConflictError and writes nothing.
   */
  put(tenantId: string, setting: ScopeSetting, expectedEtag: string | null): Promise<VersionedScope>;
}
