import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GraphDirectory } from '../../src/directory/graphDirectory';
import { FileDirectory } from '../../src/directory/fileDirectory';
import { DirectoryNotConfiguredError, DirectoryUnavailableError, NoDirectory, type Directory } from '../../src/directory/directory';
import { createDirectory } from '../../src/directory/createDirectory';
import { loadConfig } from '../../src/config';
import { GraphStub, type StubGroup, type StubUser } from './graphStub';

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const G = (n: number) => `11111111-1111-4111-8111-${String(n).padStart(12, '0')}`;

const users: StubUser[] = [
  { id: U(1), displayName: 'Alice', mail: 'alice@contoso.example' },
  { id: U(2), displayName: 'Bob' },
  { id: U(3), displayName: 'Chloé' },
  { id: U(4), displayName: 'Outsider' },
];
const groups: StubGroup[] = [
  { id: G(1), displayName: 'Équipe Ventes', members: [U(1), G(2)] },
  { id: G(2), displayName: 'Ventes Export', members: [U(2), U(3)] },
  { id: G(3), displayName: 'Marketing', members: [] },
];

/** The same expectations for every implementation of the port. */
function directoryBehaviour(name: string, open: () => Promise<{ directory: Directory; close: () => Promise<void> }>, nested: boolean): void {
  describe(`Directory: ${name}`, () => {
    let directory: Directory;
    let close: () => Promise<void>;
    beforeAll(async () => ({ directory, close } = await open()));
    afterAll(() => close());

    test('findGroups by id', async () => {
      expect(await directory.findGroups(G(3))).toEqual([{ id: G(3), displayName: 'Marketing' }]);
    });

    test('findGroups by name: exact (case and accents aside) first, then contains', async () => {
      const found = await directory.findGroups('equipe ventes');
      expect(found[0]).toEqual({ id: G(1), displayName: 'Équipe Ventes' });
      const ventes = await directory.findGroups('VENTES');
      expect(ventes.map((g) => g.id).sort()).toEqual([G(1), G(2)].sort());
      expect(await directory.findGroups('nothing like it')).toEqual([]);
    });

    test('getGroup and getUser', async () => {
      expect(await directory.getGroup(G(2))).toEqual({ id: G(2), displayName: 'Ventes Export' });
      expect(await directory.getGroup(G(9))).toBeUndefined();
      expect(await directory.getUser(U(1))).toEqual({ id: U(1), displayName: 'Alice', mail: 'alice@contoso.example' });
      expect(await directory.getUser(U(9))).toBeUndefined();
    });

    test('isMember and listMembers', async () => {
      expect(await directory.isMember(G(2), U(3))).toBe(true);
      expect(await directory.isMember(G(2), U(4))).toBe(false);
      expect(await directory.isMember(G(9), U(1))).toBe(false);
      const ids: string[] = [];
      for await (const u of directory.listMembers(G(2))) ids.push(u.id);
      expect(ids.sort()).toEqual([U(2), U(3)]);
      if (nested) {
        expect(await directory.isMember(G(1), U(3))).toBe(true);
        const all: string[] = [];
        for await (const u of directory.listMembers(G(1))) all.push(u.id);
        expect(all.sort()).toEqual([U(1), U(2), U(3)]);
      }
    });
  });
}

const fileContent = {
  users,
  groups: groups.map((g) => (g.id === G(1) ? { ...g, members: [U(1), U(2), U(3)] } : g)),
};

directoryBehaviour('DIRECTORY_FILE', async () => ({ directory: new FileDirectory(fileContent), close: async () => {} }), false);

let stub: GraphStub;
directoryBehaviour(
  'Microsoft Graph (loopback stub)',
  async () => {
    stub = await new GraphStub(users, groups).start();
    const credential = { getToken: async () => ({ token: 'stub-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
    return { directory: new GraphDirectory({ credential, baseUrl: stub.baseUrl, sleep: async () => {} }), close: () => stub.stop() };
  },
  true,
);

describe('Microsoft Graph directory: protocol details', () => {
  let graph: GraphStub;
  let directory: GraphDirectory;
  const slept: number[] = [];
  beforeAll(async () => {
    graph = await new GraphStub(users, groups).start();
    const credential = { getToken: async () => ({ token: 'stub-token', expiresOnTimestamp: Date.now() + 3600_000 }) };
    directory = new GraphDirectory({ credential, baseUrl: graph.baseUrl, sleep: async (ms) => void slept.push(ms) });
  });
  afterAll(() => graph.stop());

  test('membership uses the transitive checkMemberGroups of the user', async () => {
    graph.requests.length = 0;
    await directory.isMember(G(1), U(2));
    expect(graph.requests).toEqual([expect.objectContaining({ method: 'POST', url: `/v1.0/users/${U(2)}/checkMemberGroups`, body: { groupIds: [G(1)] } })]);
  });

  test('members are read page by page through nextLink', async () => {
    graph.requests.length = 0;
    graph.pageSize = 1;
    const ids: string[] = [];
    for await (const u of directory.listMembers(G(1))) ids.push(u.id);
    expect(ids).toHaveLength(3);
    expect(graph.requests).toHaveLength(3);
    graph.pageSize = 2;
  });

  test('group search sends ConsistencyLevel: eventual and escapes quotes', async () => {
    graph.requests.length = 0;
    expect(await directory.findGroups("O'Brien \"team\"")).toEqual([]);
    const search = graph.requests.find((r) => r.url.includes('%24search') || r.url.includes('$search'));
    expect(search?.headers.consistencylevel).toBe('eventual');
  });

  test('429 with Retry-After is retried after the delay it asks for', async () => {
    slept.length = 0;
    graph.queued.push({ status: 429, headers: { 'retry-after': '2' } });
    expect(await directory.getGroup(G(3))).toEqual({ id: G(3), displayName: 'Marketing' });
    expect(slept).toEqual([2000]);
  });

  test('persistent failures become DirectoryUnavailableError', async () => {
    graph.queued.push({ status: 503 }, { status: 503 }, { status: 503 }, { status: 503 });
    await expect(directory.getGroup(G(3))).rejects.toBeInstanceOf(DirectoryUnavailableError);
    graph.queued.length = 0;
    graph.queued.push({ status: 403 });
    await expect(directory.getUser(U(1))).rejects.toThrow(/403/);
  });

  test('a next link pointing elsewhere is refused (the token goes only to Graph)', async () => {
    graph.pageSize = 1;
    graph.nextLinkBase = 'http://127.0.0.2:9/v1.0';
    const ids: string[] = [];
    const read = async () => {
      for await (const u of directory.listMembers(G(1))) ids.push(u.id);
    };
    await expect(read()).rejects.toThrow(/outside/);
    expect(ids).toHaveLength(1);
    graph.nextLinkBase = undefined;
    graph.pageSize = 2;
  });
});

describe('directory selection and errors', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('without Graph credentials or DIRECTORY_FILE, group operations say no directory is configured', async () => {
    const directory = createDirectory(loadConfig({}));
    expect(directory).toBeInstanceOf(NoDirectory);
    await expect(directory.isMember(G(1), U(1))).rejects.toBeInstanceOf(DirectoryNotConfiguredError);
    await expect(directory.findGroups('x')).rejects.toThrow(/no directory configured/);
  });

  test('DIRECTORY_FILE is used when Graph is not configured', async () => {
    const file = path.join(tmp, 'dir.json');
    fs.writeFileSync(file, JSON.stringify(fileContent));
    const directory = createDirectory(loadConfig({ DIRECTORY_FILE: file }));
    expect(directory.kind).toBe('file');
    expect(await directory.isMember(G(1), U(1).toUpperCase())).toBe(true);
  });

  test('bot credentials with a tenant select Microsoft Graph', () => {
    const directory = createDirectory(loadConfig({ BOT_ID: 'app', BOT_PASSWORD: 'secret', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: 'contoso.example', DIRECTORY_FILE: '/does/not/matter.json' }));
    expect(directory.kind).toBe('graph');
  });

  test('a bad DIRECTORY_FILE stops with a clear message naming the file and the field', () => {
    const missing = path.join(tmp, 'missing.json');
    expect(() => createDirectory(loadConfig({ DIRECTORY_FILE: missing }))).toThrow(`DIRECTORY_FILE ${missing} cannot be read`);
    const notJson = path.join(tmp, 'bad.json');
    fs.writeFileSync(notJson, '{ users: ');
    expect(() => FileDirectory.load(notJson)).toThrow(/is not valid JSON/);
    const wrongShape = path.join(tmp, 'shape.json');
    fs.writeFileSync(wrongShape, JSON.stringify({ users: [{ displayName: 'no id' }] }));
    expect(() => FileDirectory.load(wrongShape)).toThrow(/users\.0\.id required/);
  });
});
