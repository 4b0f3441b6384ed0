import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubGroup {
  id: string;
  displayName: string;
  /** Direct members: user ids or ids of nested groups. */
  members: string[];
}
export interface StubUser {
  id: string;
  displayName: string;
  mail?: string;
}

/**
 * A small Microsoft Graph on loopback: the few v1.0 endpoints the directory uses, with transitive
 * membership, paging of transitiveMembers, bearer-token checking and injectable throttling.
 */
export class GraphStub {
  readonly requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body?: unknown }> = [];
  /** Responses to send first (e.g. a 429 with Retry-After), consumed one per request. */
  readonly queued: Array<{ status: number; headers?: Record<string, string> }> = [];
  pageSize = 2;
  /** Where next links point (a misbehaving server could point them anywhere). */
  nextLinkBase?: string;
  private server?: http.Server;

  constructor(
    private readonly users: StubUser[],
    private readonly groups: StubGroup[],
    private readonly token = 'stub-token',
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1.0`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => this.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private transitiveUsers(groupId: string, seen = new Set<string>()): StubUser[] {
    const group = this.groups.find((g) => g.id === groupId);
    if (!group || seen.has(groupId)) return [];
    seen.add(groupId);
    return group.members.flatMap((m) => {
      const user = this.users.find((u) => u.id === m);
      return user ? [user] : this.transitiveUsers(m, seen);
    });
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    if (req.headers.authorization !== `Bearer ${this.token}`) return send(401, { error: { code: 'InvalidAuthenticationToken' } });
    const queued = this.queued.shift();
    if (queued) return send(queued.status, { error: { code: 'Throttled' } }, queued.headers);

    const url = new URL(req.url ?? '/', 'http://stub');
    const path = decodeURIComponent(url.pathname.replace(/^\/v1\.0/, ''));
    let m: RegExpExecArray | null;
    if (req.method === 'GET' && path === '/groups') {
      const filter = url.searchParams.get('$filter');
      const search = url.searchParams.get('$search');
      if (filter) {
        const name = /^displayName eq '(.*)'$/.exec(filter)![1].replace(/''/g, "'");
        return send(200, { value: this.groups.filter((g) => g.displayName.toLowerCase() === name.toLowerCase()).map(({ id, displayName }) => ({ id, displayName })) });
      }
      if (search) {
        if (req.headers.consistencylevel !== 'eventual') return send(400, { error: { code: 'Request_UnsupportedQuery' } });
        const term = /^"displayName:(.*)"$/.exec(search)![1].replace(/\\(.)/g, '$1').toLowerCase();
        // Graph's $search matches word prefixes, case-insensitively.
        const hits = this.groups.filter((g) => g.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(term)) || g.displayName.toLowerCase().startsWith(term));
        return send(200, { value: hits.map(({ id, displayName }) => ({ id, displayName })) });
      }
      return send(400, { error: { code: 'BadRequest' } });
    }
    if (req.method === 'GET' && (m = /^\/groups\/([^/]+)$/.exec(path))) {
      const group = this.groups.find((g) => g.id === m![1]);
      return group ? send(200, { id: group.id, displayName: group.displayName }) : send(404, { error: { code: 'Request_ResourceNotFound' } });
    }
    if (req.method === 'GET' && (m = /^\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path))) {
      const members = this.transitiveUsers(m[1]);
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const page = members.slice(skip, skip + this.pageSize);
      const next = skip + this.pageSize < members.length ? `${this.nextLinkBase ?? this.baseUrl}/groups/${m[1]}/transitiveMembers/microsoft.graph.user?$skiptoken=${skip + this.pageSize}` : undefined;
      return send(200, { value: page, ...(next ? { '@odata.nextLink': next } : {}) });
    }
    if (req.method === 'POST' && (m = /^\/users\/([^/]+)\/checkMemberGroups$/.exec(path))) {
      if (!this.users.some((u) => u.id === m![1])) return send(404, { error: { code: 'Request_ResourceNotFound' } });
      const ids = (body?.groupIds as string[]) ?? [];
      return send(200, { value: ids.filter((g) => this.transitiveUsers(g).some((u) => u.id === m![1])) });
    }
    if (req.method === 'GET' && (m = /^\/users\/([^/]+)$/.exec(path))) {
      const user = this.users.find((u) => u.id === m![1]);
      return user ? send(200, user) : send(404, { error: { code: 'Request_ResourceNotFound' } });
    }
    send(404, { error: { code: 'NotStubbed' } });
  }
}
