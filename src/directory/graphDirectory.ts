import type { TokenCredential } from '@azure/core-auth';
import { DirectoryUnavailableError, rankGroups, type Directory, type DirectoryGroup, type DirectoryUser } from './directory';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Throttled or briefly unavailable Graph calls are retried this many times. */
const MAX_RETRIES = 3;
/** Longest Retry-After honored before giving up (a chat turn cannot wait longer). */
const MAX_RETRY_AFTER_MS = 10_000;

export interface GraphDirectoryOptions {
  /** App-only credential of the bot's registration (client secret or managed identity). */
  credential: TokenCredential;
  /** Graph root; tests point it at a loopback stub. */
  baseUrl?: string;
  /** Per-request timeout. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

interface GraphGroup {
  id: string;
  displayName?: string | null;
}
interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
}
interface GraphPage<T> {
  value: T[];
  '@odata.nextLink'?: string;
}

const toGroup = (g: GraphGroup): DirectoryGroup => ({ id: g.id.toLowerCase(), displayName: g.displayName ?? '' });
const toUser = (u: GraphUser): DirectoryUser => ({
  id: u.id.toLowerCase(),
  ...(u.displayName ? { displayName: u.displayName } : {}),
  ...(u.mail ? { mail: u.mail } : {}),
});

/**
 * Microsoft Entra ID through Microsoft Graph, with an app-only token (permissions needed:
 * GroupMember.Read.All and User.Read.All, or Directory.Read.All).
 */
export class GraphDirectory implements Directory {
  readonly kind = 'graph' as const;
  private readonly baseUrl: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphDirectoryOptions) {
    this.baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async findGroups(query: string): Promise<DirectoryGroup[]> {
    const q = query.trim();
    if (!q) return [];
    if (GUID.test(q)) {
      const group = await this.getGroup(q);
      if (group) return [group];
    }
    const select = '$select=id,displayName&$top=50';
    const exact = await this.request<GraphPage<GraphGroup>>('GET', `/groups?$filter=${encodeURIComponent(`displayName eq '${q.replace(/'/g, "''")}'`)}&${select}`);
    // $search matches words by prefix, case- but not accent-insensitively: search the phrase and
    // each of its first words too, then rank locally (accents and substrings aside).
    const words = q.split(/\s+/).filter((w) => w.length >= 3);
    const terms = [...new Set([q, ...words])].slice(0, 4);
    const searches = await Promise.all(
      terms.map((term) =>
        this.request<GraphPage<GraphGroup>>('GET', `/groups?$search=${encodeURIComponent(`"displayName:${term.replace(/["\\]/g, '\\$&')}"`)}&${select}`, undefined, {
          ConsistencyLevel: 'eventual',
        }),
      ),
    );
    const search = { value: searches.flatMap((page) => page?.value ?? []) };
    const candidates = [...(exact?.value ?? []), ...(search?.value ?? [])].map(toGroup);
    const ranked = rankGroups(q, candidates);
    // Graph's own exact match stays even when local normalization would not call it exact.
    const seen = new Set(ranked.map((g) => g.id));
    return [...ranked, ...(exact?.value ?? []).map(toGroup).filter((g) => !seen.has(g.id))];
  }

  async getGroup(groupId: string): Promise<DirectoryGroup | undefined> {
    if (!GUID.test(groupId)) return undefined;
    const group = await this.request<GraphGroup>('GET', `/groups/${groupId}?$select=id,displayName`);
    return group ? toGroup(group) : undefined;
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    if (!GUID.test(groupId) || !GUID.test(userId)) return false;
    // checkMemberGroups on the user is transitive: nested group memberships count.
    const result = await this.request<{ value: string[] }>('POST', `/users/${userId}/checkMemberGroups`, { groupIds: [groupId] });
    return (result?.value ?? []).some((id) => id.toLowerCase() === groupId.toLowerCase());
  }

  async *listMembers(groupId: string): AsyncIterable<DirectoryUser> {
    if (!GUID.test(groupId)) return;
    let next: string | undefined = `/groups/${groupId}/transitiveMembers/microsoft.graph.user?$select=id,displayName,mail&$top=999`;
    while (next) {
      const page: GraphPage<GraphUser> | undefined = await this.request<GraphPage<GraphUser>>('GET', next);
      if (!page) return;
      for (const user of page.value) yield toUser(user);
      next = page['@odata.nextLink'];
    }
  }

  async getUser(userId: string): Promise<DirectoryUser | undefined> {
    if (!GUID.test(userId)) return undefined;
    const user = await this.request<GraphUser>('GET', `/users/${userId}?$select=id,displayName,mail`);
    return user ? toUser(user) : undefined;
  }

  /** One Graph call; undefined on 404; retries 429/503/504 honoring Retry-After. */
  private async request<T>(method: 'GET' | 'POST', pathOrUrl: string, body?: unknown, headers: Record<string, string> = {}): Promise<T | undefined> {
    const url = this.resolve(pathOrUrl);
    for (let attempt = 0; ; attempt++) {
      let response: Response;
      try {
        const token = await this.options.credential.getToken(GRAPH_SCOPE);
        if (!token) throw new Error('no token for Microsoft Graph');
        response = await fetch(url, {
          method,
          headers: { authorization: `Bearer ${token.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new DirectoryUnavailableError(`Microsoft Graph did not answer: ${(err as Error).message}`);
      }
      if (response.ok) return (await response.json()) as T;
      if (response.status === 404) return undefined;
      const retryable = response.status === 429 || response.status === 503 || response.status === 504;
      if (retryable && attempt < MAX_RETRIES) {
        const retryAfter = Number(response.headers.get('retry-after'));
        const delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** attempt + Math.random() * 250;
        if (delay <= MAX_RETRY_AFTER_MS) {
          await response.body?.cancel();
          await this.sleep(delay);
          continue;
        }
      }
      const detail = await response.text().catch(() => '');
      throw new DirectoryUnavailableError(`Microsoft Graph answered ${response.status} to ${method} ${new URL(url).pathname}: ${detail.slice(0, 200)}`);
    }
  }

  /** Paths are relative to the base URL; next links must stay on it (a token is never sent elsewhere). */
  private resolve(pathOrUrl: string): string {
    if (!/^https?:/i.test(pathOrUrl)) return `${this.baseUrl}${pathOrUrl}`;
    if (!pathOrUrl.startsWith(this.baseUrl + '/')) throw new DirectoryUnavailableError(`Microsoft Graph returned a link outside ${this.baseUrl}`);
    return pathOrUrl;
  }
}
