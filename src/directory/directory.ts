export interface DirectoryUser {
  id: string;
  displayName?: string;
  mail?: string;
}

export interface DirectoryGroup {
  id: string;
  displayName: string;
}

/** Group operations were asked for but neither Microsoft Graph nor DIRECTORY_FILE is configured. */
export class DirectoryNotConfiguredError extends Error {
  override name = 'DirectoryNotConfiguredError';
  constructor() {
    super('no directory configured: set the bot credentials (BOT_ID, BOT_PASSWORD or a managed identity, BOT_TENANT_ID) for Microsoft Graph, or DIRECTORY_FILE');
  }
}

/** The directory did not answer (network, throttling that outlasted the retries, 5xx...). */
export class DirectoryUnavailableError extends Error {
  override name = 'DirectoryUnavailableError';
}

/** Users and groups of the organization (Microsoft Entra ID through Graph, or a local file). */
export interface Directory {
  /** Which implementation answers: for logs and admin cards. */
  readonly kind: 'graph' | 'file' | 'none';
  /**
   * Groups matching an id or a display name: the group with that id, else display names equal to
   * the query (case and accents aside) first, then those containing it.
   */
  findGroups(query: string): Promise<DirectoryGroup[]>;
  getGroup(groupId: string): Promise<DirectoryGroup | undefined>;
  /** Whether the user is a member of the group, directly or through nested groups. */
  isMember(groupId: string, userId: string): Promise<boolean>;
  /** The users in the group (transitively). */
  listMembers(groupId: string): AsyncIterable<DirectoryUser>;
  getUser(userId: string): Promise<DirectoryUser | undefined>;
}

/** Lower case, accents removed, spaces collapsed: how group names are compared. */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Exact (normalized) name matches first, then names containing the query; each sorted by name. */
export function rankGroups(query: string, groups: readonly DirectoryGroup[]): DirectoryGroup[] {
  const q = normalizeName(query);
  if (!q) return [];
  const byName = (a: DirectoryGroup, b: DirectoryGroup) => a.displayName.localeCompare(b.displayName);
  const exact = groups.filter((g) => normalizeName(g.displayName) === q).sort(byName);
  const partial = groups.filter((g) => normalizeName(g.displayName) !== q && normalizeName(g.displayName).includes(q)).sort(byName);
  const seen = new Set<string>();
  return [...exact, ...partial].filter((g) => !seen.has(g.id) && seen.add(g.id));
}

/** With no directory, every group operation says so clearly. */
export class NoDirectory implements Directory {
  readonly kind = 'none' as const;
  async findGroups(): Promise<DirectoryGroup[]> {
    throw new DirectoryNotConfiguredError();
  }
  async getGroup(): Promise<DirectoryGroup | undefined> {
    throw new DirectoryNotConfiguredError();
  }
  async isMember(): Promise<boolean> {
    throw new DirectoryNotConfiguredError();
  }
  // eslint-disable-next-line require-yield -- the iterable fails on first use, as the other operations do
  async *listMembers(): AsyncIterable<DirectoryUser> {
    throw new DirectoryNotConfiguredError();
  }
  async getUser(): Promise<DirectoryUser | undefined> {
    throw new DirectoryNotConfiguredError();
  }
}
