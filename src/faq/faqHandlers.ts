import { z } from 'zod';
import type { BotRouter } from '../bot/router';
import { sendCard } from '../bot/replies';
import type { Turn } from '../bot/turn';
import { VERBS } from '../cards/verbs';
import { translator } from '../i18n/i18n';
import { LANGS, type Lang } from '../i18n/lang';
import type { FaqMatcher } from './faqMatcher';
import type { FaqFeedbackStore } from './feedbackStore';
import { createFaqCards, type FaqCards } from './faqCards';

export interface FaqDeps {
  matcher: FaqMatcher;
  feedback: FaqFeedbackStore;
}

const entryId = z.string().min(1).max(100);
const answerRequest = z.object({ entryId, lang: z.enum(LANGS).optional() });
const feedbackVote = z.object({ entryId, lang: z.enum(LANGS).optional(), helpful: z.boolean() });

/** Free text goes to the FAQ; its cards' buttons answer a related entry or rate an answer. */
export function registerFaq(deps: FaqDeps): (router: BotRouter) => void {
  const cards = createFaqCards();
  return (router) => {
    router.question((turn, text) => answerQuestion(deps, cards, turn, text));

    router.submit(VERBS.faqAnswer, answerRequest, async (turn, data) => {
      const lang = data.lang ?? turn.lang;
      const entry = deps.matcher.entry(data.entryId);
      if (!entry) {
        await turn.context.sendActivity(translator(lang)('faq.entryGone'));
        return;
      }
      turn.log.info({ faq: 'answer', entryId: entry.id, lang, via: 'button' }, 'faq answer');
      await sendCard(turn.context, cards.answer(entry, relatedOf(deps, entry.related), lang));
    });

    router.execute(VERBS.faqFeedback, feedbackVote, async (turn, data) => {
      const lang = data.lang ?? turn.lang;
      const t = translator(lang);
      const entry = deps.matcher.entry(data.entryId);
      if (!entry) return t('faq.entryGone');
      try {
        await deps.feedback.record(turn.sender.tenantId, entry.id, data.helpful);
      } catch (err) {
        // The card stays as it was, so the vote can be given again.
        turn.log.error({ err, entryId: entry.id }, 'could not record FAQ feedback');
        return t('common.storageUnavailable');
      }
      return cards.answer(entry, relatedOf(deps, entry.related), lang, true);
    });
  };
}

function relatedOf(deps: FaqDeps, ids: readonly string[]) {
  return ids.flatMap((id) => deps.matcher.entry(id) ?? []);
}

/** Answers in the question's language when it shows, else in the client's. The text itself is never logged. */
async function answerQuestion(deps: FaqDeps, cards: FaqCards, turn: Turn, text: string): Promise<void> {
  const match = deps.matcher.match(text, turn.lang);
  const lang: Lang = match.lang;
  switch (match.kind) {
    case 'answer':
      turn.log.info({ faq: 'answer', entryId: match.entry.id, lang }, 'faq answer');
      await sendCard(turn.context, cards.answer(match.entry, match.related, lang));
      return;
    case 'unsure':
      turn.log.info({ faq: 'unsure', suggestions: match.suggestions.map((e) => e.id), lang }, 'faq unsure');
      await sendCard(turn.context, cards.unsure(match.suggestions, lang));
      return;
    case 'offTopic':
      turn.log.info({ faq: 'offTopic', lang }, 'faq off topic');
      await turn.context.sendActivity(translator(lang)('faq.offTopic'));
      return;
  }
}
