import type { Sender } from '../bot/turn';
import type { Lang } from '../i18n/lang';
import type { ConversationRecord, ConversationStore } from '../conversations/conversationStore';
import type { ScopeService } from '../scope/scopeService';
import type { ConsentOption, ConsentRecord, ConsentStore, EndResult } from './consentStore';
import { CONSENT_TERMS_VERSION } from './terms';
import type { AuditLog } from '../audit/auditLog';

export type ConsentGrantOutcome =
  | { outcome: 'granted' | 'alreadyActive'; record: ConsentRecord }
  | { outcome: 'outOfScope'; reason: 'off' | 'notInGroup' };

/** The consent journey's logic; the user is always the sender of the activity, never card data. */
export class ConsentService {
  constructor(
    private readonly consents: ConsentStore,
    private readonly scope: ScopeService,
    private readonly conversations: ConversationStore,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  current(sender: Sender): Promise<ConsentRecord | undefined> {
    return this.consents.current(sender.tenantId, sender.aadObjectId);
  }

  /** An active consent under the current terms (older terms need renewal). */
  static isCurrent(record: ConsentRecord | undefined): boolean {
    return record?.state === 'active' && record.termsVersion >= CONSENT_TERMS_VERSION;
  }

  checkScope(sender: Sender) {
    return this.scope.check(sender.tenantId, sender.aadObjectId);
  }

  /** Records the consent if the sender is in scope right now; concurrent calls give one consent. */
  async grant(sender: Sender, option: ConsentOption, lang: Lang): Promise<ConsentGrantOutcome> {
    const check = await this.checkScope(sender);
    if (!check.inScope) return { outcome: 'outOfScope', reason: check.reason };
    const result = await this.consents.grant({
      tenantId: sender.tenantId,
      userAadObjectId: sender.aadObjectId,
      option,
      termsVersion: CONSENT_TERMS_VERSION,
      grantedAt: this.clock().toISOString(),
      locale: lang,
    });
    if (result.outcome === 'granted') {
      await this.audit.record({ tenantId: sender.tenantId, actor: sender.aadObjectId, action: 'consent.granted', after: option, detail: `terms v${CONSENT_TERMS_VERSION}` });
    }
    return { outcome: result.outcome, record: result.record };
  }

  async revoke(sender: Sender): Promise<EndResult> {
    const result = await this.consents.revoke(sender.tenantId, sender.aadObjectId, sender.aadObjectId, this.clock().toISOString());
    if (result.outcome === 'ended') {
      await this.audit.record({ tenantId: sender.tenantId, actor: sender.aadObjectId, action: 'consent.revoked', before: result.record.option, after: 'revoked' });
    }
    return result;
  }

  /** Everything kept about the sender: consent history and the conversation reference. */
  async myData(sender: Sender): Promise<{ history: ConsentRecord[]; conversation: ConversationRecord | undefined }> {
    const [history, conversation] = await Promise.all([
      this.consents.history(sender.tenantId, sender.aadObjectId),
      this.conversations.get(sender.tenantId, sender.aadObjectId),
    ]);
    return { history, conversation };
  }
}
