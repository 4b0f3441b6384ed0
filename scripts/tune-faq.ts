/**
 * Grid search of the matcher's weights and thresholds on the tuning section of the evaluation
 * set only (the holdout section stays unseen). Prints the best settings by worst-language accuracy.
 * Usage: npx ts-node scripts/tune-faq.ts (a few minutes: about a thousand settings)
 */
import { createFaqMatcher, DEFAULT_TUNING, type MatcherTuning } from '../src/faq/faqMatcher';
import { loadKnowledgeBase } from '../src/faq/knowledgeBase';
import { evaluate, loadEvalSet } from './faq-evaluation';

function main(): void {
  const kb = loadKnowledgeBase();
  const items = loadEvalSet().tuning;
  const rows: { tuning: MatcherTuning; en: number; fr: number }[] = [];
  for (const answer of [0.2, 0.3, 0.5])
    for (const keywords of [1.5, 2, 3])
      for (const phrasings of [1, 1.5, 2])
        for (const scopeWeight of [0.2, 0.3, 0.5])
          for (const bigramWeight of [0.5, 1, 1.5])
            for (const minMargin of [1.1, 1.15, 1.2, 1.3]) {
              const tuning: MatcherTuning = {
                ...DEFAULT_TUNING,
                boost: { ...DEFAULT_TUNING.boost, answer, keywords, phrasings },
                scopeWeight,
                bigramWeight,
                minMargin,
              };
              const { byLang } = evaluate(createFaqMatcher(kb, tuning), items);
              rows.push({ tuning, en: byLang.en.accuracy, fr: byLang.fr.accuracy });
            }
  rows.sort((a, b) => Math.min(b.en, b.fr) - Math.min(a.en, a.fr) || b.en + b.fr - (a.en + a.fr));
  for (const row of rows.slice(0, 15)) {
    const t = row.tuning;
    console.log(
      `en ${(row.en * 100).toFixed(1)} fr ${(row.fr * 100).toFixed(1)}  boost=${JSON.stringify(t.boost)} scope=${t.scopeWeight} bigram=${t.bigramWeight} margin=${t.minMargin}`,
    );
  }
  const current = rows.find((r) => JSON.stringify(r.tuning) === JSON.stringify(DEFAULT_TUNING));
  if (current) console.log(`current: en ${(current.en * 100).toFixed(1)} fr ${(current.fr * 100).toFixed(1)}`);
}

main();
