import { createFaqMatcher } from '../../src/faq/faqMatcher';
import { loadKnowledgeBase } from '../../src/faq/knowledgeBase';
import { LANGS } from '../../src/i18n/lang';
import { evaluate, loadEvalSet } from '../../scripts/faq-evaluation';

const kb = loadKnowledgeBase();
const matcher = createFaqMatcher(kb);
const evalSet = loadEvalSet();

test('the evaluation set is labelled with real entries, in both languages, with off-topic questions', () => {
  const all = [...evalSet.tuning, ...evalSet.holdout];
  expect(all.length).toBeGreaterThanOrEqual(120);
  for (const item of [...all, ...evalSet.holdout3, ...evalSet.holdout4]) expect(item.expect === 'offTopic' || kb.byId.has(item.expect)).toBe(true);
  expect(all.filter((i) => i.expect === 'offTopic').length).toBeGreaterThanOrEqual(20);
  for (const lang of LANGS) expect(all.filter((i) => i.lang === lang).length).toBeGreaterThanOrEqual(60);
  // Every entry is asked for in both languages.
  for (const entry of kb.entries) for (const lang of LANGS) expect(all.some((i) => i.expect === entry.id && i.lang === lang)).toBe(true);
  const share = evalSet.holdout.length / all.length;
  expect(share).toBeGreaterThan(0.2);
  expect(share).toBeLessThan(0.3);
});

test('no evaluation question is copied from an entry phrasing', () => {
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const phrasings = new Set(kb.entries.flatMap((e) => LANGS.flatMap((l) => [e[l].question, ...e[l].phrasings].map(norm))));
  expect([...evalSet.tuning, ...evalSet.holdout, ...evalSet.holdout3, ...evalSet.holdout4].filter((i) => phrasings.has(norm(i.q))).map((i) => i.q)).toEqual([]);
});

test.each(LANGS)('accuracy on the tuning questions in %s is at least 95%%', (lang) => {
  const { byLang } = evaluate(matcher, evalSet.tuning);
  expect(byLang[lang].accuracy).toBeGreaterThanOrEqual(0.95);
  expect(byLang[lang].wrongLanguage).toBe(0);
});

// The holdout questions are never used to tune; this floor only guards against regressions.
test.each(LANGS)('accuracy on the holdout questions in %s stays above 80%%', (lang) => {
  const { byLang } = evaluate(matcher, evalSet.holdout);
  expect(byLang[lang].accuracy).toBeGreaterThanOrEqual(0.8);
  expect(byLang[lang].wrongLanguage).toBe(0);
});

test('off-topic questions never get an answer', () => {
  const offTopic = [...evalSet.tuning, ...evalSet.holdout].filter((i) => i.expect === 'offTopic');
  expect(offTopic.filter((i) => matcher.match(i.q, i.lang).kind === 'answer').map((i) => i.q)).toEqual([]);
});
