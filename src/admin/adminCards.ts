import statusTemplate from './cards/status.json';
import confirmTemplate from './cards/confirm.json';
import auditTemplate from './cards/audit.json';
import noticeTemplate from './cards/notice.json';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { VERBS } from '../cards/verbs';
import { section, translator, type MessageKey } from '../i18n/i18n';
import type { Lang } from '../i18n/lang';
import { formatDate } from '../consent/consentCards';
import { CONSENT_OPTIONS } from '../consent/consentStore';
import type { IntegrationScope, ScopeSetting } from '../scope/integrationScope';
import type { AnnouncementJob } from '../announcements/announcementStore';
import type { StoredAuditEntry } from '../audit/auditLog';
import type { AdminOverview, ScopeChangePlan } from './adminService';

/** The tenant-wide LinkedIn setting has no supported API: the admin changes it here. */
export const ENTRA_ADMIN_CENTER_URL = 'https://entra.microsoft.com';

export function scopeLabel(lang: Lang, scope: IntegrationScope): string {
  const t = translator(lang);
  if (scope.mode === 'group') return t('admin.scope.group', { group: scope.groupName, groupId: scope.groupId });
  return t(scope.mode === 'all' ? 'admin.scope.all' : 'admin.scope.off');
}

function setByLabel(lang: Lang, setting: ScopeSetting): string {
  const t = translator(lang);
  if (setting.setBy === 'default') return t('admin.status.default');
  return setting.setBy.startsWith('admin:') ? t('admin.status.byAdmin', { id: setting.setBy.slice('admin:'.length) }) : setting.setBy;
}

function entra(lang: Lang) {
  const t = translator(lang);
  return { entraNote: t('admin.entra.note'), entraButton: t('admin.entra.button'), entraUrl: ENTRA_ADMIN_CENTER_URL };
}

function announcementLine(lang: Lang, job: AnnouncementJob | undefined): string {
  const t = translator(lang);
  if (!job) return t('admin.status.noAnnouncement');
  const audience = job.target.kind === 'all' ? t('admin.scope.all') : t('admin.scope.group', { group: job.target.groupName, groupId: job.target.groupId });
  return t('admin.status.announcementLine', {
    state: t(`admin.status.jobState.${job.state}` as MessageKey),
    date: formatDate(job.createdAt, lang),
    audience,
    sent: job.sent,
    failed: job.failed,
    unreachable: job.unreachable,
    total: job.total,
  });
}

/** `admin status`: scope and who set it, consents by option and state, the last announcement. */
export function adminStatusCard(lang: Lang, overview: AdminOverview, notice?: string): AdaptiveCard {
  const t = section(lang, 'admin.status.');
  const tr = translator(lang);
  const { setting } = overview;
  return renderCard(statusTemplate, {
    t,
    ...(notice ? { notice } : {}),
    scopeFacts: [
      { label: t.scope, value: scopeLabel(lang, setting.scope) },
      { label: t.setBy, value: setByLabel(lang, setting) },
      { label: t.setAt, value: setting.setAt ? formatDate(setting.setAt, lang) : t.never },
    ],
    consentFacts: CONSENT_OPTIONS.map((option) => ({
      label: tr(`consent.option.${option}` as MessageKey),
      value: tr('admin.status.consentLine', { ...overview.consents[option] }),
    })),
    announcement: announcementLine(lang, overview.lastAnnouncement),
    ...entra(lang),
  });
}

/** The data a confirmation card sends back: only the requested scope (the actor is the sender). */
export type ScopeChangeData = { mode: 'all' } | { mode: 'off' } | { mode: 'group'; groupId: string };

/** What `admin enable/disable` shows before anything changes, with the numbers. */
export function scopeConfirmCard(lang: Lang, plan: ScopeChangePlan): AdaptiveCard {
  const t = translator(lang);
  const { target } = plan;
  const consequence =
    target.mode === 'off'
      ? t('admin.confirm.withdraw.off', { count: plan.toWithdraw })
      : target.mode === 'group'
        ? t('admin.confirm.withdraw.group', { count: plan.toWithdraw, active: plan.activeConsents })
        : t('admin.confirm.withdraw.all', { active: plan.activeConsents });
  const change: ScopeChangeData = target.mode === 'group' ? { mode: 'group', groupId: target.groupId } : { mode: target.mode };
  return renderCard(confirmTemplate, {
    t: section(lang, 'admin.confirm.'),
    title: t(`admin.confirm.title.${target.mode}` as MessageKey),
    now: t('admin.confirm.now', { scope: scopeLabel(lang, plan.current.scope) }),
    after: t('admin.confirm.after', { scope: scopeLabel(lang, target) }),
    consequence,
    consequenceColor: plan.toWithdraw > 0 ? 'Attention' : 'Default',
    confirmStyle: plan.toWithdraw > 0 ? 'destructive' : 'positive',
    confirmVerb: VERBS.adminScopeConfirm,
    cancelVerb: VERBS.adminScopeCancel,
    change,
    ...entra(lang),
  });
}

/** `admin audit`: the latest entries, newest first. */
export function auditCard(lang: Lang, entries: readonly StoredAuditEntry[]): AdaptiveCard {
  const t = translator(lang);
  return renderCard(auditTemplate, {
    t: section(lang, 'admin.audit.'),
    title: t('admin.audit.title', { count: entries.length }),
    entries: entries.map((e) => ({
      heading: t(`admin.audit.action.${e.action}` as MessageKey),
      when: t('admin.audit.when', { date: formatDate(e.at, lang), actor: e.actor === 'system' ? t('admin.audit.system') : e.actor }),
      ...(e.before !== undefined || e.after !== undefined ? { change: t('admin.audit.change', { before: e.before ?? '-', after: e.after ?? '-' }) } : {}),
      ...(e.detail ? { detail: e.detail } : {}),
    })),
  });
}

/** Replaces an admin card whose buttons must not be pressed again (a cancelled confirmation or preview). */
export function noticeCard(title: string, text: string): AdaptiveCard {
  return renderCard(noticeTemplate, { title, text });
}
