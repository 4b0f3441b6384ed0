import answerTemplate from './cards/answer.json';
import unsureTemplate from './cards/unsure.json';
import { renderCard, type AdaptiveCard } from '../cards/renderCard';
import { section } from '../i18n/i18n';
import type { Lang } from '../i18n/lang';
import type { FaqEntry } from './knowledgeBase';

/** A button that answers one entry, in the language of the card it sits on. */
interface EntryButton {
  entryId: string;
  title: string;
  lang: Lang;
}

function buttonsFor(entries: readonly FaqEntry[], lang: Lang): EntryButton[] {
  return entries.map((e) => ({ entryId: e.id, title: e[lang].question, lang }));
}

/**
 * The answer to one entry: question, short answer, details, "learn more" links, related
 * questions as buttons, and "Was this helpful?" (replaced by a thank-you once answered).
 */
export function answerCard(entry: FaqEntry, related: readonly FaqEntry[], lang: Lang, feedbackGiven = false): AdaptiveCard {
  const content = entry[lang];
  return renderCard(answerTemplate, {
    t: section(lang, 'faq.'),
    entryId: entry.id,
    lang,
    question: content.question,
    short: content.short,
    details: content.details.map((text) => ({ text })),
    links: content.links,
    related: buttonsFor(related, lang),
    feedbackGiven,
  });
}

/** Not sure what was asked: the closest questions as buttons, and help. */
export function unsureCard(suggestions: readonly FaqEntry[], lang: Lang): AdaptiveCard {
  return renderCard(unsureTemplate, { t: section(lang, 'faq.'), suggestions: buttonsFor(suggestions, lang) });
}
