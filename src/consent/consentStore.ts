import type { Lang } from '../i18n/lang';

/** `both`: data access in both directions; `linkedin-only`: only LinkedIn data, read through the work account. */
export type ConsentOption = 'both' | 'linkedin-only';
export const CONSENT_OPTIONS: readonly ConsentOption[] = ['both', 'linkedin-only'];

/** `revoked`: by the user; `withdrawn`: by the organization (scope turned off or narrowed). */
export type ConsentState = 'active' | 'revoked' | 'withdrawn';
export const CONSENT_STATES: readonly ConsentState[] = ['active', 'revoked', 'withdrawn'];

/**
 * One consent as the bot records it. Nothing of the user's LinkedIn or Microsoft profile is kept:
 * only who (object ids), what (option, terms version), when, and in which language.
 */
export interface ConsentRecord {
  tenantId: string;
  userAadObjectId: string;
  /** 1 for the user's first consent, then 2, 3...: the order of the user's history. */
  seq: number;
  option: ConsentOption;
  termsVersion: number;
  grantedAt: string;
  locale: Lang;
  state: ConsentState;
  revokedAt?: string;
  /** The user's own object id, `admin:<object id>` for an admin, or a reason (e.g. `scope:off`, `renewed`). */
  revokedBy?: string;
}

export interface GrantRequest {
  tenantId: string;
  userAadObjectId: string;
  option: ConsentOption;
  termsVersion: number;
  grantedAt: string;
  locale: Lang;
}

/**
 * `granted`: this call recorded the consent (an active consent under older terms is ended as
 * `renewed`); `alreadyActive`: an active consent under the same terms already exists (from an
 * earlier or a concurrent press), returned unchanged.
 */
export type GrantResult = { outcome: 'granted'; record: ConsentRecord; replaced?: ConsentRecord } | { outcome: 'alreadyActive'; record: ConsentRecord };

/** `ended`: this call moved the active consent to revoked/withdrawn; `notActive`: there was none (the latest record, if any). */
export type EndResult = { outcome: 'ended'; record: ConsentRecord } | { outcome: 'notActive'; record?: ConsentRecord };

export type ConsentCounts = Record<ConsentOption, Record<ConsentState, number>>;

export function emptyCounts(): ConsentCounts {
  return {
    both: { active: 0, revoked: 0, withdrawn: 0 },
    'linkedin-only': { active: 0, revoked: 0, withdrawn: 0 },
  };
}

/**
 * Consents, with their history: a new consent never erases an old revoked or withdrawn one.
 * Writes are safe under concurrency: two grants at once give one active consent, two revokes
 * at once end it once.
 */
export interface ConsentStore {
  /** The user's latest record (active or not), or undefined if the user never consented. */
  current(tenantId: string, userAadObjectId: string): Promise<ConsentRecord | undefined>;
  /** Every record of the user, oldest first. */
  history(tenantId: string, userAadObjectId: string): Promise<ConsentRecord[]>;
  grant(request: GrantRequest): Promise<GrantResult>;
  /** The user takes the consent back; `by` is the user's object id. */
  revoke(tenantId: string, userAadObjectId: string, by: string, at: string): Promise<EndResult>;
  /** The organization ends the consent; `by` is `admin:<object id>` or a reason such as `scope:off`. */
  withdraw(tenantId: string, userAadObjectId: string, by: string, at: string): Promise<EndResult>;
  /** Every active consent of a tenant (the latest record of each user who has one). */
  listActive(tenantId: string): AsyncIterable<ConsentRecord>;
  /** Users counted by the option and state of their latest record. */
  countByOptionAndState(tenantId: string): Promise<ConsentCounts>;
}
