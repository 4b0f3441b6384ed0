import type { AuditLog } from '../audit/auditLog';
import type { ConsentCounts, ConsentStore } from '../consent/consentStore';
import type { IntegrationScope, ScopeSetting } from '../scope/integrationScope';
import type { ScopeService } from '../scope/scopeService';
import type { AnnouncementJob } from '../announcements/announcementStore';
import type { AnnouncementService } from '../announcements/announcementService';
import type { GroupLookup } from './groupLookup';

export interface AdminOverview {
  setting: ScopeSetting;
  consents: ConsentCounts;
  lastAnnouncement?: AnnouncementJob;
}

/** What a scope change would do, shown before the admin confirms it. */
export interface ScopeChangePlan {
  current: ScopeSetting;
  target: IntegrationScope;
  activeConsents: number;
  /** Active consents the change would withdraw (users outside the new scope). */
  toWithdraw: number;
}

export interface ScopeChangeResult {
  previous: ScopeSetting;
  current: ScopeSetting;
  withdrawn: number;
}

/** A short, stable description of a scope for the audit log. */
export function describeScope(scope: IntegrationScope): string {
  return scope.mode === 'group' ? `group:${scope.groupId} (${scope.groupName})` : scope.mode;
}

/**
 * The admin side of the integration: the overview, and scope changes with their consequence:
 * turning it off withdraws every active consent; a group withdraws those of users outside it;
 * widening restores nothing (users consent again).
 */
export class AdminService {
  constructor(
    private readonly scope: ScopeService,
    private readonly consents: ConsentStore,
    private readonly groups: GroupLookup,
    private readonly announcements: AnnouncementService,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
  ) {}

  async overview(tenantId: string): Promise<AdminOverview> {
    const [setting, consents, lastAnnouncement] = await Promise.all([
      this.scope.setting(tenantId),
      this.consents.countByOptionAndState(tenantId),
      this.announcements.latestJob(tenantId),
    ]);
    return { setting, consents, ...(lastAnnouncement ? { lastAnnouncement } : {}) };
  }

  async plan(tenantId: string, target: IntegrationScope): Promise<ScopeChangePlan> {
    const current = await this.scope.setting(tenantId);
    const outside = await this.outsideOf(tenantId, target);
    let activeConsents = 0;
    let toWithdraw = 0;
    for await (const record of this.consents.listActive(tenantId)) {
      activeConsents++;
      if (outside(record.userAadObjectId)) toWithdraw++;
    }
    return { current, target, activeConsents, toWithdraw };
  }

  /** Sets the scope, then withdraws the active consents it leaves out; each withdrawal is audited. */
  async apply(tenantId: string, target: IntegrationScope, adminAadObjectId: string): Promise<ScopeChangeResult> {
    const outside = await this.outsideOf(tenantId, target);
    const by = `admin:${adminAadObjectId}`;
    const change = await this.scope.set(tenantId, target, by);
    let withdrawn = 0;
    for await (const record of this.consents.listActive(tenantId)) {
      if (!outside(record.userAadObjectId)) continue;
      const result = await this.consents.withdraw(tenantId, record.userAadObjectId, by, this.clock().toISOString());
      if (result.outcome !== 'ended') continue; // revoked meanwhile by the user
      withdrawn++;
      await this.audit.record({
        tenantId,
        actor: adminAadObjectId,
        action: 'consent.withdrawn',
        before: `active:${record.option}`,
        after: 'withdrawn',
        detail: `user:${record.userAadObjectId} scope:${describeScope(target)}`,
      });
    }
    await this.audit.record({
      tenantId,
      actor: adminAadObjectId,
      action: 'scope.changed',
      before: describeScope(change.previous.scope),
      after: describeScope(change.current.scope),
      detail: `withdrawn=${withdrawn}`,
    });
    return { previous: change.previous, current: change.current, withdrawn };
  }

  /** Whether a user is outside `target` (membership read once from the directory, not per user). */
  private async outsideOf(tenantId: string, target: IntegrationScope): Promise<(userAadObjectId: string) => boolean> {
    if (target.mode === 'all') return () => false;
    if (target.mode === 'off') return () => true;
    const members = await this.groups.members(tenantId, target.groupId);
    if (!members) throw new GroupNotFoundError(target.groupId);
    return (user) => !members.has(user.toLowerCase());
  }
}

export class GroupNotFoundError extends Error {
  override name = 'GroupNotFoundError';
  constructor(readonly groupId: string) {
    super(`group ${groupId} not found in the directory`);
  }
}
