import type { Lang } from '../i18n/lang';

/**
 * What the bot keeps to reach a user later (announcements): the Bot Framework conversation
 * reference fields and the user's language. No profile data (names, mail) is kept.
 */
export interface ConversationRecord {
  tenantId: string;
  userAadObjectId: string;
  /** The channel account id of the user (29:...), needed to address them proactively. */
  userId: string;
  conversationId: string;
  serviceUrl: string;
  channelId: string;
  botId: string;
  locale: Lang;
  installed: boolean;
  updatedAt: string;
  uninstalledAt?: string;
}

export interface ConversationStore {
  get(tenantId: string, userAadObjectId: string): Promise<ConversationRecord | undefined>;
  /** Creates or replaces the user's record. */
  save(record: ConversationRecord): Promise<void>;
  /** All records of a tenant, installed or not. */
  list(tenantId: string): AsyncIterable<ConversationRecord>;
}
