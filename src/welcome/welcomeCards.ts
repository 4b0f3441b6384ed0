import welcomeTemplate from './cards/welcome.json';
import helpTemplate from './cards/help.json';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { VERBS } from '../cards/verbs';
import { section, translator } from '../i18n/i18n';
import type { Lang } from '../i18n/lang';

interface CommandButton {
  title: string;
  verb: string;
  command: string;
}

/** The buttons for the common commands; each runs the command as if typed. */
function commonButtons(lang: Lang): CommandButton[] {
  const t = translator(lang);
  return [
    { title: t('help.button.connect'), verb: VERBS.runCommand, command: 'connect' },
    { title: t('help.button.status'), verb: VERBS.runCommand, command: 'status' },
    { title: t('help.button.myData'), verb: VERBS.runCommand, command: 'my data' },
  ];
}

/** These cards depend only on their arguments; render each variant once (deep copies go out). */
const rendered = new Map<string, AdaptiveCard>();
function once(key: string, render: () => AdaptiveCard): AdaptiveCard {
  let card = rendered.get(key);
  if (!card) rendered.set(key, (card = render()));
  return structuredClone(card);
}

export function welcomeCard(lang: Lang): AdaptiveCard {
  return once(`welcome:${lang}`, () => renderCard(welcomeTemplate, { t: section(lang, 'welcome.'), buttons: commonButtons(lang) }));
}

const USER_LINES = ['help', 'connect', 'status', 'revoke', 'myData'] as const;
const ADMIN_LINES = ['adminStatus', 'adminEnable', 'adminDisable', 'adminAnnounce', 'adminAudit'] as const;

/** Admin commands are listed only to admins: others cannot use them. */
export function helpCard(lang: Lang, isAdmin: boolean, notice?: string): AdaptiveCard {
  return once(`help:${lang}:${isAdmin}:${notice ?? ''}`, () => renderHelp(lang, isAdmin, notice));
}

function renderHelp(lang: Lang, isAdmin: boolean, notice?: string): AdaptiveCard {
  const t = section(lang, 'help.');
  return renderCard(helpTemplate, {
    t,
    ...(notice ? { notice } : {}),
    isAdmin,
    commands: USER_LINES.map((k) => ({ line: t[`cmd.${k}`] })),
    adminCommands: ADMIN_LINES.map((k) => ({ line: t[`cmd.${k}`] })),
    buttons: commonButtons(lang),
  });
}
