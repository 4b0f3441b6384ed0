import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { TableProvider } from '../storage/tableProvider';
import { decodeKey, encodeKey, odataString } from '../storage/tableKeys';
import { isConflict, isNotFound } from '../storage/storageErrors';
import { LANGS, type Lang } from '../i18n/lang';
import {
  CONSENT_OPTIONS,
  CONSENT_STATES,
  emptyCounts,
  type ConsentCounts,
  type ConsentRecord,
  type ConsentState,
  type ConsentStore,
  type EndResult,
  type GrantRequest,
  type GrantResult,
} from './consentStore';

const TABLE = 'Consents';
/** A conditional write that keeps losing races gives up after this many tries. */
const MAX_ATTEMPTS = 5;

/**
 * Layout: one partition per tenant. Per user, a "current" pointer row (`cur|<user>`) holding the
 * latest record, and one history row per consent (`hist|<user>|<seq>`). Each change writes the
 * pointer (conditional on its ETag, or create-only for a first consent) and the history row in
 * one entity-group transaction, so a lost race writes nothing and nothing is half written.
 */
type ConsentEntity = {
  partitionKey: string;
  rowKey: string;
  userAadObjectId: string;
  seq: number;
  option: string;
  termsVersion: number;
  grantedAt: string;
  locale: string;
  state: string;
  revokedAt?: string;
  revokedBy?: string;
};

/** `|` separates key parts, so it is escaped inside them too. */
const part = (value: string) => encodeKey(value).replace(/\|/g, '%7C');
const pointerKey = (user: string) => `cur|${part(user)}`;
const historyPrefix = (user: string) => `hist|${part(user)}|`;
const historyKey = (user: string, seq: number) => `${historyPrefix(user)}${String(seq).padStart(10, '0')}`;

function toEntity(record: ConsentRecord, rowKey: string): ConsentEntity {
  return {
    partitionKey: part(record.tenantId),
    rowKey,
    userAadObjectId: record.userAadObjectId,
    seq: record.seq,
    option: record.option,
    termsVersion: record.termsVersion,
    grantedAt: record.grantedAt,
    locale: record.locale,
    state: record.state,
    ...(record.revokedAt ? { revokedAt: record.revokedAt } : {}),
    ...(record.revokedBy ? { revokedBy: record.revokedBy } : {}),
  };
}

function toRecord(e: ConsentEntity): ConsentRecord {
  // Unknown values can only come from a hand-edited row; read them as the safest meaning.
  const option = (CONSENT_OPTIONS as readonly string[]).includes(e.option) ? (e.option as ConsentRecord['option']) : 'both';
  const state = (CONSENT_STATES as readonly string[]).includes(e.state) ? (e.state as ConsentState) : 'revoked';
  return {
    tenantId: decodeKey(e.partitionKey),
    userAadObjectId: e.userAadObjectId,
    seq: e.seq,
    option,
    termsVersion: e.termsVersion,
    grantedAt: e.grantedAt,
    locale: (LANGS as readonly string[]).includes(e.locale) ? (e.locale as Lang) : 'en',
    state,
    ...(e.revokedAt ? { revokedAt: e.revokedAt } : {}),
    ...(e.revokedBy ? { revokedBy: e.revokedBy } : {}),
  };
}

export class TableConsentStore implements ConsentStore {
  constructor(private readonly tables: TableProvider) {}

  async current(tenantId: string, userAadObjectId: string): Promise<ConsentRecord | undefined> {
    const pointer = await this.readPointer(await this.tables.table(TABLE), tenantId, userAadObjectId);
    return pointer?.record;
  }

  async history(tenantId: string, userAadObjectId: string): Promise<ConsentRecord[]> {
    const table = await this.tables.table(TABLE);
    const prefix = historyPrefix(userAadObjectId);
    const filter = `PartitionKey eq ${odataString(part(tenantId))} and RowKey ge ${odataString(prefix)} and RowKey lt ${odataString(prefix.slice(0, -1) + '}')}`;
    const records: ConsentRecord[] = [];
    for await (const e of table.listEntities<ConsentEntity>({ queryOptions: { filter } })) records.push(toRecord(e));
    return records.sort((a, b) => a.seq - b.seq);
  }

  async grant(request: GrantRequest): Promise<GrantResult> {
    const table = await this.tables.table(TABLE);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const pointer = await this.readPointer(table, request.tenantId, request.userAadObjectId);
      const previous = pointer?.record;
      if (previous?.state === 'active' && previous.termsVersion >= request.termsVersion) return { outcome: 'alreadyActive', record: previous };

      const record: ConsentRecord = { ...request, seq: (previous?.seq ?? 0) + 1, state: 'active' };
      const actions: TransactionAction[] = [
        pointer
          ? ['update', toEntity(record, pointerKey(record.userAadObjectId)), 'Replace', { etag: pointer.etag }]
          : ['create', toEntity(record, pointerKey(record.userAadObjectId))],
        ['create', toEntity(record, historyKey(record.userAadObjectId, record.seq))],
      ];
      // A consent under older terms is renewed: the old one ends in the same transaction.
      const replaced: ConsentRecord | undefined =
        previous?.state === 'active' ? { ...previous, state: 'revoked', revokedAt: request.grantedAt, revokedBy: 'renewed' } : undefined;
      if (replaced) actions.push(['upsert', toEntity(replaced, historyKey(replaced.userAadObjectId, replaced.seq)), 'Replace']);

      if (await this.commit(table, actions)) return replaced ? { outcome: 'granted', record, replaced } : { outcome: 'granted', record };
    }
    throw new Error('consent store: too many concurrent updates of one consent');
  }

  revoke(tenantId: string, userAadObjectId: string, by: string, at: string): Promise<EndResult> {
    return this.end(tenantId, userAadObjectId, 'revoked', by, at);
  }

  withdraw(tenantId: string, userAadObjectId: string, by: string, at: string): Promise<EndResult> {
    return this.end(tenantId, userAadObjectId, 'withdrawn', by, at);
  }

  async *listActive(tenantId: string): AsyncIterable<ConsentRecord> {
    for await (const record of this.pointers(tenantId, `state eq 'active'`)) yield record;
  }

  async countByOptionAndState(tenantId: string): Promise<ConsentCounts> {
    const counts = emptyCounts();
    for await (const record of this.pointers(tenantId)) counts[record.option][record.state] += 1;
    return counts;
  }

  private async *pointers(tenantId: string, extraFilter?: string): AsyncIterable<ConsentRecord> {
    const table = await this.tables.table(TABLE);
    const filter = [`PartitionKey eq ${odataString(part(tenantId))}`, `RowKey ge 'cur|'`, `RowKey lt 'cur}'`, ...(extraFilter ? [extraFilter] : [])].join(' and ');
    for await (const e of table.listEntities<ConsentEntity>({ queryOptions: { filter } })) yield toRecord(e);
  }

  private async end(tenantId: string, userAadObjectId: string, state: ConsentState, by: string, at: string): Promise<EndResult> {
    const table = await this.tables.table(TABLE);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const pointer = await this.readPointer(table, tenantId, userAadObjectId);
      if (!pointer || pointer.record.state !== 'active') return pointer ? { outcome: 'notActive', record: pointer.record } : { outcome: 'notActive' };
      const record: ConsentRecord = { ...pointer.record, state, revokedAt: at, revokedBy: by };
      const done = await this.commit(table, [
        ['update', toEntity(record, pointerKey(userAadObjectId)), 'Replace', { etag: pointer.etag }],
        ['upsert', toEntity(record, historyKey(userAadObjectId, record.seq)), 'Replace'],
      ]);
      if (done) return { outcome: 'ended', record };
    }
    throw new Error('consent store: too many concurrent updates of one consent');
  }

  /** True when the transaction applied; false when it lost a race (nothing was written). */
  private async commit(table: TableClient, actions: TransactionAction[]): Promise<boolean> {
    try {
      await table.submitTransaction(actions);
      return true;
    } catch (err) {
      if (isConflict(err)) return false;
      throw err;
    }
  }

  private async readPointer(table: TableClient, tenantId: string, userAadObjectId: string): Promise<{ record: ConsentRecord; etag: string } | undefined> {
    try {
      const e = await table.getEntity<ConsentEntity>(part(tenantId), pointerKey(userAadObjectId));
      return { record: toRecord(e), etag: e.etag };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }
}
