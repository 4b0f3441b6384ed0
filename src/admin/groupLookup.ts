import { normalizeName, type Directory } from '../directory/directory';

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

/**
 * Group look-ups on the directory port. A name designates a group only when exactly one group
 * has that name (case and accents aside); names that merely contain the query are offered as
 * candidates, never picked.
 */
export class DirectoryGroupLookup implements GroupLookup {
  constructor(private readonly directory: Directory) {}

  async resolve(_tenantId: string, query: string): Promise<GroupResolution> {
    const trimmed = query.trim();
    if (!trimmed) return { kind: 'none' };
    const byId = await this.directory.getGroup(trimmed);
    if (byId) return { kind: 'found', group: byId };
    const matches = await this.directory.findGroups(trimmed);
    const exact = matches.filter((g) => normalizeName(g.displayName) === normalizeName(trimmed));
    if (exact.length === 1) return { kind: 'found', group: exact[0] };
    if (exact.length > 1) return { kind: 'ambiguous', candidates: exact };
    return matches.length ? { kind: 'ambiguous', candidates: matches } : { kind: 'none' };
  }

  get(_tenantId: string, groupId: string): Promise<GroupRef | undefined> {
    return this.directory.getGroup(groupId);
  }

  async members(_tenantId: string, groupId: string): Promise<ReadonlySet<string> | undefined> {
    if (!(await this.directory.getGroup(groupId))) return undefined;
    const ids = new Set<string>();
    for await (const user of this.directory.listMembers(groupId)) ids.add(user.id.toLowerCase());
    return ids;
  }
}
