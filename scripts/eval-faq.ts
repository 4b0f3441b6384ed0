/**
 * Prints the FAQ matcher's accuracy per language on the evaluation set, and the misses.
 * Usage: npm run eval:faq [-- --section tuning|holdout|holdout3] [-- --verbose]
 */
import { LANGS } from '../src/i18n/lang';
import { createFaqMatcher } from '../src/faq/faqMatcher';
import { loadKnowledgeBase } from '../src/faq/knowledgeBase';
import { evaluate, loadEvalSet, SECTIONS, type Section } from './faq-evaluation';

function main(): void {
  const args = process.argv.slice(2);
  const sectionArg = args.includes('--section') ? args[args.indexOf('--section') + 1] : undefined;
  if (sectionArg !== undefined && !SECTIONS.includes(sectionArg as Section)) {
    console.error(`--section must be one of ${SECTIONS.join(', ')}`);
    process.exit(2);
  }
  const sections = sectionArg ? [sectionArg as Section] : [...SECTIONS];
  const verbose = args.includes('--verbose');

  const matcher = createFaqMatcher(loadKnowledgeBase());
  const evalSet = loadEvalSet();
  for (const section of sections) {
    const { byLang, misses } = evaluate(matcher, evalSet[section]);
    console.log(`\n== ${section} ==`);
    for (const lang of LANGS) {
      const s = byLang[lang];
      console.log(`${lang}: ${(s.accuracy * 100).toFixed(1)}% (${s.correct}/${s.total}), answered in another language: ${s.wrongLanguage}`);
    }
    for (const miss of misses) {
      console.log(`  MISS [${miss.item.lang}] "${miss.item.q}" expected ${miss.item.expect}, got ${miss.got} (${miss.gotLang})`);
      if (verbose) {
        const a = matcher.analyze(miss.item.q, miss.item.locale ?? miss.item.lang);
        const top = a.results.slice(0, 3).map((r) => `${r.id}:${r.score.toFixed(1)}[${r.terms.join(',')}]`);
        console.log(`       terms=[${a.terms.join(',')}] known=[${a.known.join(',')}] topic=[${a.topic.join(",")}] scope=[${a.scope.join(",")}] cov=${a.coverage.toFixed(2)} margin=${a.margin.toFixed(2)} top=${top.join(' ')}`);
      }
    }
  }
}

main();
