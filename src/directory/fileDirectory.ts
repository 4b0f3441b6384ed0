import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../config';
import { rankGroups, type Directory, type DirectoryGroup, type DirectoryUser } from './directory';

const directoryFileSchema = z.object({
  users: z.array(z.object({ id: z.string().min(1), displayName: z.string().optional(), mail: z.string().optional() })).default([]),
  groups: z
    .array(z.object({ id: z.string().min(1), displayName: z.string().min(1), members: z.array(z.string().min(1)).default([]) }))
    .default([]),
});

export type DirectoryFileContent = z.input<typeof directoryFileSchema>;

/** The DIRECTORY_FILE is missing, is not JSON, or does not have the documented shape (a configuration mistake: start-up stops with one line). */
export class DirectoryFileError extends ConfigError {
  override name = 'DirectoryFileError';
}

/**
 * A directory read from a local JSON file (development, tests, or organizations without Graph):
 * `{"users":[{"id","displayName","mail"}],"groups":[{"id","displayName","members":[user ids]}]}`.
 * Ids are compared case-insensitively, as Entra object ids are.
 */
export class FileDirectory implements Directory {
  readonly kind = 'file' as const;
  private readonly users = new Map<string, DirectoryUser>();
  private readonly groups = new Map<string, { group: DirectoryGroup; members: Set<string> }>();

  constructor(content: DirectoryFileContent) {
    const parsed = directoryFileSchema.parse(content);
    for (const u of parsed.users) this.users.set(u.id.toLowerCase(), { id: u.id.toLowerCase(), displayName: u.displayName, mail: u.mail });
    for (const g of parsed.groups) {
      this.groups.set(g.id.toLowerCase(), { group: { id: g.id.toLowerCase(), displayName: g.displayName }, members: new Set(g.members.map((m) => m.toLowerCase())) });
    }
  }

  /** Reads and validates the file; any problem is one clear error naming the file and the field. */
  static load(file: string): FileDirectory {
    let raw: string;
    try {
      raw = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new DirectoryFileError(`DIRECTORY_FILE ${file} cannot be read: ${(err as Error).message}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new DirectoryFileError(`DIRECTORY_FILE ${file} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = directoryFileSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new DirectoryFileError(`DIRECTORY_FILE ${file}: ${issue.path.join('.') || 'the file'} ${issue.message.toLowerCase()}`);
    }
    return new FileDirectory(parsed.data);
  }

  async findGroups(query: string): Promise<DirectoryGroup[]> {
    const byId = this.groups.get(query.trim().toLowerCase());
    if (byId) return [byId.group];
    return rankGroups(query, [...this.groups.values()].map((g) => g.group));
  }

  async getGroup(groupId: string): Promise<DirectoryGroup | undefined> {
    return this.groups.get(groupId.toLowerCase())?.group;
  }

  async isMember(groupId: string, userId: string): Promise<boolean> {
    return this.groups.get(groupId.toLowerCase())?.members.has(userId.toLowerCase()) ?? false;
  }

  async *listMembers(groupId: string): AsyncIterable<DirectoryUser> {
    for (const id of this.groups.get(groupId.toLowerCase())?.members ?? []) yield this.users.get(id) ?? { id };
  }

  async getUser(userId: string): Promise<DirectoryUser | undefined> {
    return this.users.get(userId.toLowerCase());
  }
}
