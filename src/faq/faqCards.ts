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
function renderAnswer(entry: FaqEntry, related: readonly FaqEntry[], lang: Lang, feedbackGiven: boolean): AdaptiveCard {
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
function renderUnsure(suggestions: readonly FaqEntry[], lang: Lang): AdaptiveCard {
  return renderCard(unsureTemplate, { t: section(lang, 'faq.'), suggestions: buttonsFor(suggestions, lang) });
}

export interface FaqCards {
  answer(entry: FaqEntry, related: readonly FaqEntry[], lang: Lang, feedbackGiven?: boolean): AdaptiveCard;
  unsure(suggestions: readonly FaqEntry[], lang: Lang): AdaptiveCard;
}

/** Unsure cards vary with the suggestions; past this many variants the cache starts over. */
const MAX_CACHED_CARDS = 2000;

/**
 * The FAQ's cards. Expanding a template takes milliseconds and these cards depend only on their
 * arguments, so each variant is rendered once and deep copies go out.
 */
export function createFaqCards(): FaqCards {
  const rendered = new Map<string, AdaptiveCard>();
  const once = (key: string, render: () => AdaptiveCard): AdaptiveCard => {
    let card = rendered.get(key);
    if (!card) {
      if (rendered.size >= MAX_CACHED_CARDS) rendered.clear();
      rendered.set(key, (card = render()));
    }
    return structuredClone(card);
  };
  return {
    answer: (entry, related, lang, feedbackGiven = false) =>
      once(`answer:${entry.id}:${related.map((e) => e.id).join(',')}:${lang}:${feedbackGiven}`, () => renderAnswer(entry, related, lang, feedbackGiven)),
    unsure: (suggestions, lang) => once(`unsure:${suggestions.map((e) => e.id).join(',')}:${lang}`, () => renderUnsure(suggestions, lang)),
  };
}
