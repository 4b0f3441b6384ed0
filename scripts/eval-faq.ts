/**
 * Prints the FAQ matcher's accuracy per language on the evaluation set, and the misses.
 * Usage: npm run eval:faq [-- --section tuning|holdout|holdout3|holdout4] [-- --verbose]
 */
import { LANGS } from '../src/i18n/lang';
import { createFaqMatcher } from '../src/faq/faqMatcher';
import { loadKnowledgeBase } from '../src/faq/knowledgeBase';
import { evaluate, loadEvalSet, SECTIONS, type Section } from './faq-evaluation';

/** Median and 99th percentile of one match, in milliseconds, over every question of the set (warm, repeated). */
function matchTimes(matcher: ReturnType<typeof createFaqMatcher>, items: { q: string; lang: 'en' | 'fr' }[]): { p50: number; p99: number } {
  for (const item of items) matcher.match(item.q, item.lang);
  const times: number[] = [];
  for (let round = 0; round < 20; round += 1) {
    for (const item of items) {
      const start = process.hrtime.bigint();
      matcher.match(item.q, item.lang);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length / 2)], p99: times[Math.floor(times.length * 0.99)] };
}

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
  const { p50, p99 } = matchTimes(
    matcher,
    SECTIONS.flatMap((section) => evalSet[section]),
  );
  console.log(`match time: p50 ${p50.toFixed(3)} ms, p99 ${p99.toFixed(3)} ms`);
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
