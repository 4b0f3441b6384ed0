import { randomBytes } from 'node:crypto';
import type { TableProvider } from '../storage/tableProvider';
import { decodeKey, encodeKey, odataString } from '../storage/tableKeys';

/** What an audit entry is about. */
export type AuditAction =
  | 'scope.changed'
  | 'announcement.started'
  | 'announcement.cancelled'
  | 'announcement.finished'
  | 'consent.granted'
  | 'consent.revoked'
  | 'consent.withdrawn'
  | 'admin.refused';

export interface AuditEntry {
  tenantId: string;
  /** The Entra object id of whoever did it, or "system". */
  actor: string;
  action: AuditAction;
  /** Short, non-personal descriptions of the state before and after (e.g. "all", "group:<id>"). */
  before?: string;
  after?: string;
  /** Anything else worth keeping (a command name, figures). */
  detail?: string;
  at?: string;
}

export interface StoredAuditEntry extends AuditEntry {
  at: string;
}

/** Append-only record of what admins and users did. Entries are never updated or deleted. */
export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** The newest entries of a tenant, newest first. */
  latest(tenantId: string, limit: number): Promise<StoredAuditEntry[]>;
}

const TABLE = 'Audit';
/** Larger than any millisecond timestamp for millennia: rows sort newest first. */
const MAX_TIME = 9_999_999_999_999;

interface AuditEntity {
  partitionKey: string;
  rowKey: string;
  actor: string;
  action: string;
  before?: string;
  after?: string;
  detail?: string;
  at: string;
}

export class TableAuditLog implements AuditLog {
  private lastMs = 0;
  private sequence = 0;

  constructor(
    private readonly tables: TableProvider,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    const at = entry.at ?? this.clock().toISOString();
    const ms = Date.parse(at);
    this.sequence = ms === this.lastMs ? this.sequence + 1 : 0;
    this.lastMs = ms;
    const inverted = String(MAX_TIME - ms).padStart(13, '0');
    const order = String(999_999 - Math.min(this.sequence, 999_999)).padStart(6, '0');
    const entity: AuditEntity = {
      partitionKey: encodeKey(entry.tenantId),
      // Newest first (also within a millisecond, from this instance), and a random suffix so
      // entries from two instances in the same millisecond both stay.
      rowKey: `${inverted}-${order}-${randomBytes(6).toString('hex')}`,
      actor: entry.actor,
      action: entry.action,
      at,
      ...(entry.before !== undefined ? { before: entry.before } : {}),
      ...(entry.after !== undefined ? { after: entry.after } : {}),
      ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    };
    // createEntity, never upsert: an audit row is written once.
    await (await this.tables.table(TABLE)).createEntity(entity);
  }

  async latest(tenantId: string, limit: number): Promise<StoredAuditEntry[]> {
    const table = await this.tables.table(TABLE);
    const pages = table
      .listEntities<AuditEntity>({ queryOptions: { filter: `PartitionKey eq ${odataString(encodeKey(tenantId))}` } })
      .byPage({ maxPageSize: limit });
    const out: StoredAuditEntry[] = [];
    for await (const page of pages) {
      for (const e of page) {
        if (out.length >= limit) break;
        out.push({
          tenantId: decodeKey(e.partitionKey),
          actor: e.actor,
          action: e.action as AuditAction,
          at: e.at,
          ...(e.before !== undefined ? { before: e.before } : {}),
          ...(e.after !== undefined ? { after: e.after } : {}),
          ...(e.detail !== undefined ? { detail: e.detail } : {}),
        });
      }
      if (out.length >= limit) break;
    }
    return out;
  }
}
