import type { TableProvider } from '../storage/tableProvider';
import { decodeKey, encodeKey, listPartition } from '../storage/tableKeys';
import type { ConversationRecord, ConversationStore } from './conversationStore';
import { LANGS, type Lang } from '../i18n/lang';

const TABLE = 'Conversations';

interface ConversationEntity {
  partitionKey: string;
  rowKey: string;
  userId: string;
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  botId: string;
  locale: string;
  installed: boolean;
  updatedAt: string;
  uninstalledAt?: string;
}

function toRecord(e: ConversationEntity): ConversationRecord {
  return {
    tenantId: decodeKey(e.partitionKey),
    userAadObjectId: decodeKey(e.rowKey),
    userId: e.userId,
    conversationId: e.conversationId,
    serviceUrl: e.serviceUrl,
    channelId: e.channelId,
    botId: e.botId,
    locale: (LANGS as readonly string[]).includes(e.locale) ? (e.locale as Lang) : 'en',
    installed: e.installed,
    updatedAt: e.updatedAt,
    ...(e.uninstalledAt ? { uninstalledAt: e.uninstalledAt } : {}),
  };
}

/** Conversation references in Azure Table Storage: one partition per tenant, one row per user. */
export class TableConversationStore implements ConversationStore {
  constructor(private readonly tables: TableProvider) {}

  async get(tenantId: string, userAadObjectId: string): Promise<ConversationRecord | undefined> {
    const table = await this.tables.table(TABLE);
    try {
      return toRecord(await table.getEntity<ConversationEntity>(encodeKey(tenantId), encodeKey(userAadObjectId)));
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw err;
    }
  }

  async save(record: ConversationRecord): Promise<void> {
    const table = await this.tables.table(TABLE);
    const entity: ConversationEntity = {
      partitionKey: encodeKey(record.tenantId),
      rowKey: encodeKey(record.userAadObjectId),
      userId: record.userId,
      conversationId: record.conversationId,
      serviceUrl: record.serviceUrl,
      channelId: record.channelId,
      botId: record.botId,
      locale: record.locale,
      installed: record.installed,
      updatedAt: record.updatedAt,
      ...(record.uninstalledAt ? { uninstalledAt: record.uninstalledAt } : {}),
    };
    await table.upsertEntity(entity, 'Replace');
  }

  async *list(tenantId: string): AsyncIterable<ConversationRecord> {
    const table = await this.tables.table(TABLE);
    for await (const e of listPartition<ConversationEntity>(table, encodeKey(tenantId))) yield toRecord(e);
  }
}
