import connectTemplate from './cards/connect.json';
import confirmTemplate from './cards/confirm.json';
import statusTemplate from './cards/status.json';
import revokeConfirmTemplate from './cards/revokeConfirm.json';
import revokedTemplate from './cards/revoked.json';
import notInScopeTemplate from './cards/notInScope.json';
import cancelledTemplate from './cards/cancelled.json';
import myDataTemplate from './cards/myData.json';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { translator, type MessageKey, type Translate } from '../i18n/i18n';
import type { Lang } from '../i18n/lang';
import type { ConversationRecord } from '../conversations/conversationStore';
import type { ConsentOption, ConsentRecord } from './consentStore';
import { CONSENT_LINKS, CONSENT_TERMS_VERSION } from './terms';

/** What LinkedIn gives Microsoft (both options) and what Microsoft gives LinkedIn (two-way option only). */
const FROM_LINKEDIN = ['li.profile', 'li.interests', 'li.subscriptions', 'li.connections'] as const;
const FROM_MICROSOFT = ['ms.profile', 'ms.calendar', 'ms.interests', 'ms.subscriptions', 'ms.contacts'] as const;
const NOT_SHARED: Record<ConsentOption, readonly string[]> = {
  both: ['notShared.meetingDetails'],
  'linkedin-only': ['notShared.workAccount', 'notShared.meetingDetails'],
};

/** Locale keys built from option and category names; the parity test checks each exists in both languages. */
const key = (k: string) => `consent.${k}` as MessageKey;

interface Section {
  heading: string;
  lines: Array<{ text: string }>;
}

export function optionLabel(t: Translate, option: ConsentOption): string {
  return t(key(`option.${option}`));
}

/** Exactly what an option shares, in which direction, and what it does not share. */
function optionSections(t: Translate, option: ConsentOption): Section[] {
  const lines = (names: readonly string[]) => names.map((n) => ({ text: t(key(`data.${n}`)) }));
  return [
    { heading: t('consent.option.fromLinkedIn'), lines: lines(FROM_LINKEDIN) },
    ...(option === 'both' ? [{ heading: t('consent.option.fromMicrosoft'), lines: lines(FROM_MICROSOFT) }] : []),
    { heading: t('consent.option.notShared'), lines: lines(NOT_SHARED[option]) },
  ];
}

/** A date as people read it, in UTC (the card cannot know the reader's time zone). */
export function formatDate(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date);
  return translator(lang)('consent.date', { date: text });
}

/** Step 1: benefits, where LinkedIn information appears, and the two options side by side. */
export function connectCard(lang: Lang, forUser: string, notice?: string): AdaptiveCard {
  const t = translator(lang);
  const options = (['both', 'linkedin-only'] as const).map((option) => ({
    option,
    title: optionLabel(t, option),
    summary: t(key(`option.${option}.summary`)),
    sections: optionSections(t, option),
    button: t(key(`option.choose.${option}`)),
  }));
  return renderCard(connectTemplate, {
    ...(notice ? { notice } : {}),
    for: forUser,
    title: t('consent.connect.title'),
    benefits: t('consent.connect.benefits'),
    where: t('consent.connect.where'),
    choose: t('consent.connect.choose'),
    storage: t('consent.connect.storage'),
    options,
    links: [
      { title: t('consent.connect.faqButton'), url: CONSENT_LINKS.faq },
      { title: t('consent.connect.yourDataButton'), url: CONSENT_LINKS.yourData },
    ],
  });
}

/** Step 2: what the user agrees to, the privacy texts, Confirm / Cancel. */
export function confirmCard(lang: Lang, option: ConsentOption, forUser: string): AdaptiveCard {
  const t = translator(lang);
  const label = optionLabel(t, option);
  return renderCard(confirmTemplate, {
    for: forUser,
    option,
    title: t('consent.confirm.title', { option: label }),
    summary: t(key(`option.${option}.summary`)),
    agree: t('consent.confirm.agree'),
    sections: optionSections(t, option),
    revokeAnyTime: t('consent.confirm.revokeAnyTime'),
    privacy: t('consent.confirm.privacy'),
    links: [
      { title: t('consent.confirm.microsoftPrivacy'), url: CONSENT_LINKS.microsoftPrivacy },
      { title: t('consent.confirm.linkedInPrivacy'), url: CONSENT_LINKS.linkedInPrivacy },
    ],
    confirm: t('consent.confirm.confirm', { option: label }),
    cancel: t('consent.confirm.cancel'),
  });
}

/** Connected or not, with the option, the date and the terms version; Revoke or Connect. */
export function statusCard(lang: Lang, forUser: string, record: ConsentRecord | undefined, notice?: string): AdaptiveCard {
  const t = translator(lang);
  const active = record?.state === 'active' ? record : undefined;
  const outdated = active !== undefined && active.termsVersion < CONSENT_TERMS_VERSION;
  const ended =
    record && !active && record.revokedAt
      ? t(record.state === 'withdrawn' ? 'consent.status.endedWithdrawn' : 'consent.status.endedRevoked', { date: formatDate(record.revokedAt, lang) })
      : record
        ? undefined
        : t('consent.status.never');
  return renderCard(statusTemplate, {
    ...(notice ? { notice } : {}),
    for: forUser,
    title: t('consent.status.title'),
    state: active ? t('consent.status.connected') : t('consent.status.notConnected'),
    stateColor: active ? 'Good' : 'Default',
    ...(ended ? { ended } : {}),
    facts: active
      ? [
          { title: t('consent.status.option'), value: optionLabel(t, active.option) },
          { title: t('consent.status.since'), value: formatDate(active.grantedAt, lang) },
          { title: t('consent.status.terms'), value: String(active.termsVersion) },
        ]
      : [],
    ...(outdated ? { renewal: t('consent.status.renewal', { version: active.termsVersion, current: CONSENT_TERMS_VERSION }), renewButton: t('consent.status.renewButton') } : {}),
    ...(active ? { nextTitle: t('consent.status.nextTitle'), nextSteps: t('consent.status.nextSteps'), revokeButton: t('consent.status.revokeButton') } : { connectButton: t('consent.status.connectButton') }),
    links: active
      ? [
          { title: t('consent.status.connectAccountsButton'), url: CONSENT_LINKS.connectAccounts },
          { title: t('consent.status.linkedInHelpButton'), url: CONSENT_LINKS.linkedInInMicrosoftApps },
        ]
      : [],
  });
}

export function revokeConfirmCard(lang: Lang, forUser: string, record: ConsentRecord): AdaptiveCard {
  const t = translator(lang);
  return renderCard(revokeConfirmTemplate, {
    for: forUser,
    title: t('consent.revoke.title'),
    text: t('consent.revoke.text', { option: optionLabel(t, record.option), date: formatDate(record.grantedAt, lang) }),
    confirm: t('consent.revoke.confirm'),
    keep: t('consent.revoke.keep'),
  });
}

/** After a revoke: which permissions to remove on which side, for the option the user had. */
export function revokedCard(lang: Lang, forUser: string, record: ConsentRecord, notice?: string): AdaptiveCard {
  const t = translator(lang);
  const both = record.option === 'both';
  return renderCard(revokedTemplate, {
    ...(notice ? { notice } : {}),
    for: forUser,
    title: t('consent.revoked.title'),
    when: t('consent.revoked.when', { date: formatDate(record.revokedAt ?? record.grantedAt, lang) }),
    removeTitle: t('consent.revoked.removeTitle'),
    steps: [...(both ? [{ text: t('consent.revoked.microsoftSide') }] : []), { text: t('consent.revoked.linkedInSide') }],
    contacts: t(both ? 'consent.revoked.contactsBoth' : 'consent.revoked.contactsLinkedInOnly'),
    links: [
      ...(both ? [{ title: t('consent.revoked.myAppsButton'), url: CONSENT_LINKS.myApps }] : []),
      { title: t('consent.revoked.contactsButton'), url: CONSENT_LINKS.importedContacts },
    ],
    connectAgain: t('consent.revoked.connectAgain'),
  });
}

export function notInScopeCard(lang: Lang, reason: 'off' | 'notInGroup'): AdaptiveCard {
  const t = translator(lang);
  return renderCard(notInScopeTemplate, {
    title: t('consent.notInScope.title'),
    reason: t(reason === 'off' ? 'consent.notInScope.off' : 'consent.notInScope.notInGroup'),
    more: t('consent.notInScope.more'),
    faqButton: t('consent.connect.faqButton'),
    faqUrl: CONSENT_LINKS.faq,
  });
}

export function cancelledCard(lang: Lang, forUser: string): AdaptiveCard {
  const t = translator(lang);
  return renderCard(cancelledTemplate, {
    for: forUser,
    title: t('consent.cancelled.title'),
    text: t('consent.cancelled.text'),
    connectButton: t('consent.status.connectButton'),
  });
}

function endedBy(t: Translate, record: ConsentRecord): string {
  const by = record.revokedBy ?? '';
  if (by === record.userAadObjectId) return t('consent.myData.endedByYou');
  if (by.startsWith('admin:')) return t('consent.myData.endedByAdmin');
  if (by === 'renewed') return t('consent.myData.endedByRenewal');
  return t('consent.myData.endedByOrganization');
}

export interface MyDataSubject {
  tenantId: string;
  aadObjectId: string;
}

/** Every record the bot keeps about the user, and what it never keeps. */
export function myDataCard(lang: Lang, subject: MyDataSubject, history: readonly ConsentRecord[], conversation: ConversationRecord | undefined): AdaptiveCard {
  const t = translator(lang);
  const records = history.map((r) => ({
    heading: `${optionLabel(t, r.option)}: ${t(key(`state.${r.state}`))}`,
    facts: [
      { title: t('consent.myData.grantedAt'), value: formatDate(r.grantedAt, lang) },
      { title: t('consent.status.terms'), value: String(r.termsVersion) },
      { title: t('consent.myData.language'), value: r.locale },
      ...(r.revokedAt ? [{ title: t('consent.myData.endedAt'), value: formatDate(r.revokedAt, lang) }] : []),
      ...(r.revokedAt ? [{ title: t('consent.myData.endedBy'), value: endedBy(t, r) }] : []),
    ],
  }));
  const c = conversation;
  const conversationFacts = c
    ? [
        { title: t('consent.myData.conversationId'), value: c.conversationId },
        { title: t('consent.myData.teamsUserId'), value: c.userId },
        { title: t('consent.myData.serviceUrl'), value: c.serviceUrl },
        { title: t('consent.myData.channel'), value: c.channelId },
        { title: t('consent.myData.language'), value: c.locale },
        { title: t('consent.myData.installed'), value: t(c.installed ? 'consent.myData.yes' : 'consent.myData.no') },
        { title: t('consent.myData.updatedAt'), value: formatDate(c.updatedAt, lang) },
        ...(c.uninstalledAt ? [{ title: t('consent.myData.uninstalledAt'), value: formatDate(c.uninstalledAt, lang) }] : []),
      ]
    : [];
  return renderCard(myDataTemplate, {
    title: t('consent.myData.title'),
    identity: t('consent.myData.identity', { tenantId: subject.tenantId, userId: subject.aadObjectId }),
    consentsTitle: t('consent.myData.consentsTitle'),
    noConsents: t('consent.myData.noConsents'),
    records,
    conversationTitle: t('consent.myData.conversationTitle'),
    noConversation: t('consent.myData.noConversation'),
    conversation: conversationFacts,
    never: t('consent.myData.never'),
  });
}
