import type { TableProvider } from '../storage/tableProvider';
import { decodeKey, encodeKey, listPartition } from '../storage/tableKeys';
import type { FaqFeedbackStore, FeedbackCounts } from './feedbackStore';

const TABLE = 'FaqFeedback';
/** Attempts of one increment racing other writers before giving up. */
const MAX_ATTEMPTS = 20;

interface FeedbackEntity {
  partitionKey: string;
  rowKey: string;
  helpful: number;
  notHelpful: number;
  etag?: string;
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number }).statusCode;
}

function toCounts(e: Pick<FeedbackEntity, 'rowKey' | 'helpful' | 'notHelpful'>): FeedbackCounts {
  return { entryId: decodeKey(e.rowKey), helpful: e.helpful ?? 0, notHelpful: e.notHelpful ?? 0 };
}

/** A short random pause so that writers that collided do not collide again in step. */
function backoff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Feedback counts in Azure Table Storage: one partition per tenant, one row per entry.
 * Increments are optimistic: read, then write with the row's ETag; a 412 (someone wrote in
 * between) or 409 (someone created the row first) reads again.
 */
export class TableFaqFeedbackStore implements FaqFeedbackStore {
  constructor(private readonly tables: TableProvider) {}

  async record(tenantId: string, entryId: string, helpful: boolean): Promise<FeedbackCounts> {
    const table = await this.tables.table(TABLE);
    const partitionKey = encodeKey(tenantId);
    const rowKey = encodeKey(entryId);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      let current: FeedbackEntity | undefined;
      try {
        current = await table.getEntity<FeedbackEntity>(partitionKey, rowKey);
      } catch (err) {
        if (statusOf(err) !== 404) throw err;
      }
      const next = {
        partitionKey,
        rowKey,
        helpful: (current?.helpful ?? 0) + (helpful ? 1 : 0),
        notHelpful: (current?.notHelpful ?? 0) + (helpful ? 0 : 1),
      };
      try {
        if (current) await table.updateEntity(next, 'Replace', { etag: current.etag });
        else await table.createEntity(next);
        return toCounts(next);
      } catch (err) {
        const status = statusOf(err);
        if (status !== 412 && status !== 409) throw err;
        await backoff(attempt);
      }
    }
    throw new Error(`feedback for ${entryId}: too many concurrent writers, vote not recorded`);
  }

  async get(tenantId: string, entryId: string): Promise<FeedbackCounts> {
    const table = await this.tables.table(TABLE);
    try {
      return toCounts(await table.getEntity<FeedbackEntity>(encodeKey(tenantId), encodeKey(entryId)));
    } catch (err) {
      if (statusOf(err) === 404) return { entryId, helpful: 0, notHelpful: 0 };
      throw err;
    }
  }

  async list(tenantId: string): Promise<FeedbackCounts[]> {
    const table = await this.tables.table(TABLE);
    const partitionKey = encodeKey(tenantId);
    const out: FeedbackCounts[] = [];
    for await (const e of listPartition<FeedbackEntity>(table, partitionKey)) out.push(toCounts(e));
    return out.sort((a, b) => a.entryId.localeCompare(b.entryId));
  }
}
