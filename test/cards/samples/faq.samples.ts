import { createFaqCards } from '../../../src/faq/faqCards';
import { loadKnowledgeBase, type FaqEntry } from '../../../src/faq/knowledgeBase';
import type { CardSamples } from './cardSamples';

const kb = loadKnowledgeBase();
const cards = createFaqCards();
const entry = (id: string): FaqEntry => kb.byId.get(id)!;
const relatedOf = (e: FaqEntry) => e.related.map(entry);

export const samples: CardSamples = {
  // Every entry, so that no text of the knowledge base breaks a card; the feedback variant too,
  // and an entry with no links (bot-data).
  'faq/cards/answer.json': (lang) => [
    ...kb.entries.map((e) => cards.answer(e, relatedOf(e), lang)),
    cards.answer(entry('contacts'), relatedOf(entry('contacts')), lang, true),
    cards.answer(entry('bot-data'), [], lang),
  ],
  'faq/cards/unsure.json': (lang) => [cards.unsure([entry('overview'), entry('linkedin-data'), entry('microsoft-data')], lang), cards.unsure([entry('retention'), entry('contacts')], lang)],
};
