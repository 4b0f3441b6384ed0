/** A directory group as admin commands show it. */
export interface GroupRef {
  id: string;
  displayName: string;
}

/** What an admin's "<group id or name>" argument designates. */
export type GroupResolution = { kind: 'found'; group: GroupRef } | { kind: 'none' } | { kind: 'ambiguous'; candidates: GroupRef[] };

/** Group questions the admin commands ask, answered from the directory. */
export interface GroupLookup {
  /** By id first, then by display name (case and accents aside). */
  resolve(tenantId: string, query: string): Promise<GroupResolution>;
  get(tenantId: string, groupId: string): Promise<GroupRef | undefined>;
  /** The group's member object ids (lower case), or undefined when the group does not exist. */
  members(tenantId: string, groupId: string): Promise<ReadonlySet<string> | undefined>;
}
