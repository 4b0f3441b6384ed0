import type { ConversationRecord, ConversationStore } from './conversationStore';

/** The fields whose change is worth a storage write. */
function fingerprint(r: ConversationRecord): string {
  return [r.userId, r.conversationId, r.serviceUrl, r.channelId, r.botId, r.locale, r.installed].join('\u0001');
}

/**
 * Keeps conversation references current without a storage write on ordinary turns: a record is
 * written on install, on uninstall, and when a message shows that something changed. The cache is
 * bounded; a user evicted from it costs one read on their next message.
 */
export class ConversationTracker {
  private readonly known = new Map<string, string>();

  constructor(
    private readonly store: ConversationStore,
    private readonly maxCached = 50_000,
  ) {}

  /** Records the reference seen on a message; writes only when it differs from what is stored. */
  async seen(record: ConversationRecord): Promise<void> {
    const key = `${record.tenantId}\u0000${record.userAadObjectId}`;
    const next = fingerprint(record);
    let current = this.known.get(key);
    if (current === undefined) {
      const stored = await this.store.get(record.tenantId, record.userAadObjectId);
      current = stored ? fingerprint(stored) : '';
    }
    if (current !== next) await this.store.save(record);
    this.remember(key, next);
  }

  async uninstalled(tenantId: string, userAadObjectId: string, at: string): Promise<void> {
    const stored = await this.store.get(tenantId, userAadObjectId);
    if (!stored) return;
    const record: ConversationRecord = { ...stored, installed: false, uninstalledAt: at, updatedAt: at };
    await this.store.save(record);
    this.remember(`${tenantId}\u0000${userAadObjectId}`, fingerprint(record));
  }

  private remember(key: string, value: string): void {
    this.known.delete(key);
    this.known.set(key, value);
    if (this.known.size > this.maxCached) {
      const oldest = this.known.keys().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}
