import announcementTemplate from './cards/announcement.json';
import previewTemplate from './cards/preview.json';
import progressTemplate from './cards/progress.json';
import { renderCard, cardAttachment, type AdaptiveCard } from '../cards/renderCard';
import { VERBS } from '../cards/verbs';
import { section, translator } from '../i18n/i18n';
import type { Lang } from '../i18n/lang';
import type { AnnouncementJob, AnnouncementTarget } from './announcementStore';

/** The three public pages every announcement points to. */
export const ANNOUNCEMENT_LINKS = {
  faq: 'https://support.office.com/article/about-linkedin-information-and-features-in-microsoft-apps-and-services-dc81cc70-4d64-4755-9f1c-b9536e34d381',
  yourData: 'https://support.microsoft.com/office/your-data-ae9c08a7-4d06-45b5-a065-320a97bc1400',
  connectAccounts: 'https://support.microsoft.com/office/connect-your-linkedin-and-work-or-school-accounts-c7c245f2-fa56-4c9b-ba20-3fceb23c5772',
} as const;

const rendered = new Map<Lang, AdaptiveCard>();

/** The card each recipient gets, in their language (rendered once per language). */
export function announcementCard(lang: Lang): AdaptiveCard {
  let card = rendered.get(lang);
  if (!card) {
    const t = section(lang, 'announce.card.');
    card = renderCard(announcementTemplate, {
      t,
      links: (Object.keys(ANNOUNCEMENT_LINKS) as Array<keyof typeof ANNOUNCEMENT_LINKS>).map((k) => ({ title: t[k], url: ANNOUNCEMENT_LINKS[k] })),
      connectVerb: VERBS.runCommand,
      askVerb: VERBS.announcementAsk,
    });
    rendered.set(lang, card);
  }
  return structuredClone(card);
}

/** The message activity a recipient gets. */
export function announcementActivity(lang: Lang): Record<string, unknown> {
  return { type: 'message', summary: translator(lang)('announce.card.title'), attachments: [cardAttachment(announcementCard(lang))] };
}

function audienceLine(lang: Lang, target: AnnouncementTarget, count: number): string {
  const t = translator(lang);
  return target.kind === 'all'
    ? t('announce.audience.all', { count })
    : t('announce.audience.group', { count, group: target.groupName, groupId: target.groupId });
}

/** What `admin announce ...` shows: who gets it, how many, and exactly what they get. */
export function previewCard(lang: Lang, target: AnnouncementTarget, count: number, ratePerSec: number): AdaptiveCard {
  const announcement = announcementCard(lang);
  const items = [...(announcement.body as object[]), { type: 'ActionSet', actions: announcement.actions }];
  const minutes = Math.max(1, Math.ceil(count / ratePerSec / 60));
  return renderCard(previewTemplate, {
    t: section(lang, 'announce.preview.'),
    audience: audienceLine(lang, target, count),
    pace: translator(lang)('announce.preview.pace', { rate: ratePerSec, minutes }),
    announcementItems: items,
    sendVerb: VERBS.announcementSend,
    cancelVerb: VERBS.announcementDiscard,
    target: target.kind === 'all' ? { target: 'all' } : { target: 'group', groupId: target.groupId },
  });
}

/** The admin's card while the job runs and once it ends (replaces the preview in place). */
export function progressCard(job: AnnouncementJob, lang: Lang = job.progressCard?.lang ?? 'en'): AdaptiveCard {
  const t = translator(lang);
  const done = job.sent + job.failed + job.unreachable;
  const title =
    job.state === 'done' ? t('announce.progress.done') : job.state === 'cancelled' ? t('announce.progress.cancelled') : t('announce.progress.sending');
  const summary = job.state === 'preparing' ? t('announce.progress.preparing') : t('announce.progress.summary', { done, total: job.total });
  const running = job.state === 'preparing' || job.state === 'sending';
  return renderCard(progressTemplate, {
    title,
    audience: audienceLine(lang, job.target, job.total),
    summary,
    facts: [
      { label: t('announce.progress.sent'), value: String(job.sent) },
      { label: t('announce.progress.failed'), value: String(job.failed) },
      { label: t('announce.progress.unreachable'), value: String(job.unreachable) },
      ...(job.state === 'cancelled' ? [{ label: t('announce.progress.notSent'), value: String(Math.max(0, job.total - done)) }] : []),
    ],
    ...(running ? { cancelHint: t('announce.progress.cancelHint') } : {}),
  });
}

export function progressActivity(job: AnnouncementJob): Record<string, unknown> {
  return { type: 'message', attachments: [cardAttachment(progressCard(job))] };
}
