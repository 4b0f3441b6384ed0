import MiniSearch, { type SearchResult } from 'minisearch';
import { LANGS, type Lang } from '../i18n/lang';
import type { FaqEntry, KnowledgeBase } from './knowledgeBase';
import { detectLanguage } from './language';
import { bigramParts, createTextAnalyzer, isBigram, tokenize, type TextAnalyzer } from './textAnalysis';

export type FaqMatch =
  | { kind: 'answer'; lang: Lang; entry: FaqEntry; score: number; related: FaqEntry[] }
  | { kind: 'unsure'; lang: Lang; suggestions: FaqEntry[] }
  | { kind: 'offTopic'; lang: Lang };

export interface FaqMatcher {
  /** Finds the entry that answers a question; `fallback` is the client's locale, used when the text does not tell its language. */
  match(question: string, fallback: Lang): FaqMatch;
  entry(id: string): FaqEntry | undefined;
}

/** Thresholds and weights of the matcher, tuned on the tuning section of test/faq/eval-set.json. */
export interface MatcherTuning {
  boost: { question: number; phrasings: number; keywords: number; answer: number };
  /** Weight of a pair of adjacent words against a single word. */
  bigramWeight: number;
  /** Weight of words that only name the integration (LinkedIn, account...): they say a question is on topic, not which entry answers it. */
  scopeWeight: number;
  /** An answer must match this share of the question's words... */
  minCoverage: number;
  /** ...or at least this many of them (long questions carry many words no entry has). */
  minMatchedTerms: number;
  /** Least ratio between the best and the second-best score to be given as the answer. */
  minMargin: number;
  /** Least MiniSearch score of an answer. */
  minScore: number;
  maxSuggestions: number;
}

export const DEFAULT_TUNING: MatcherTuning = {
  // From scripts/tune-faq.ts: inside a plateau of equally good weights; the margin is kept on the
  // cautious side of it (an "unsure" costs less than a wrong answer).
  boost: { question: 2, phrasings: 2, keywords: 2, answer: 0.2 },
  bigramWeight: 1,
  scopeWeight: 0.3,
  minCoverage: 0.5,
  minMatchedTerms: 3,
  minMargin: 1.15,
  minScore: 3,
  maxSuggestions: 3,
};

interface IndexedEntry {
  id: string;
  question: string;
  phrasings: string;
  keywords: string;
  answer: string;
}

interface LanguageIndex {
  analyzer: TextAnalyzer;
  search: MiniSearch<IndexedEntry>;
  /** Every single-word term of the entries, in any field. */
  vocabulary: ReadonlySet<string>;
  /** Replaces a misspelt word by the closest word of the entries' questions, phrasings and keywords. */
  correct: (word: string) => string;
}

/** What the matcher observed about one question; exposed for the evaluation script. */
export interface MatchAnalysis {
  lang: Lang;
  detected: Lang | undefined;
  /** The question's words as index terms. */
  terms: string[];
  /** Terms some entry contains. */
  known: string[];
  /** Terms that are some entry's topic keywords. */
  topic: string[];
  /** Terms that name the integration itself (LinkedIn, account, data...). */
  scope: string[];
  results: { id: string; score: number; terms: string[] }[];
  coverage: number;
  margin: number;
  match: FaqMatch;
}

const FIELDS = ['question', 'phrasings', 'keywords', 'answer'] as const;

function buildIndex(kb: KnowledgeBase, lang: Lang): LanguageIndex {
  const analyzer = createTextAnalyzer(lang);
  const search = new MiniSearch<IndexedEntry>({
    fields: [...FIELDS],
    // The analyzer does all the work (folding, stop words, stemming, synonyms, word pairs).
    // Answers are indexed word by word only: their word pairs describe, they do not ask.
    tokenize: (text, field) => (field === 'answer' ? analyzer.terms(text) : analyzer.indexTerms(text)),
    processTerm: (term) => term,
  });
  search.addAll(
    kb.entries.map((entry) => {
      const content = entry[lang];
      return {
        id: entry.id,
        question: content.question,
        phrasings: content.phrasings.join('\n'),
        keywords: content.keywords.join('\n'),
        answer: [content.short, ...content.details].join('\n'),
      };
    }),
  );
  const vocabulary = new Set<string>();
  for (const entry of kb.entries) {
    const content = entry[lang];
    for (const text of [content.question, content.short, ...content.details, ...content.phrasings, ...content.keywords]) {
      for (const term of analyzer.terms(text)) vocabulary.add(term);
    }
  }
  return { analyzer, search, vocabulary, correct: buildSpeller(kb, lang, analyzer) };
}

/**
 * A fuzzy index of the words people use to ask (questions, phrasings, keywords), so that
 * "calender" or "linkdin" are read as the words they were meant to be before stemming.
 */
function buildSpeller(kb: KnowledgeBase, lang: Lang, analyzer: TextAnalyzer): (word: string) => string {
  const texts = kb.entries.flatMap((entry) => {
    const content = entry[lang];
    return [content.question, ...content.phrasings, ...content.keywords];
  });
  const words = new Set(texts.flatMap((text) => tokenize(text)));
  const terms = new Set(texts.flatMap((text) => analyzer.terms(text)));
  const vocabulary = new MiniSearch<{ id: number; word: string }>({
    fields: ['word'],
    storeFields: ['word'],
    tokenize: (word) => [word],
    processTerm: (word) => word,
  });
  vocabulary.addAll([...words].map((word, id) => ({ id, word })));
  const corrections = new Map<string, string>();
  const closestWord = (word: string): string => {
    // Short words have too many neighbours; a word whose stem is known is an inflection, not a typo.
    if (word.length < 6 || words.has(word) || /\d/.test(word) || analyzer.isStopWord(word)) return word;
    const term = analyzer.termOf(word);
    if (term !== null && terms.has(term)) return word;
    const [closest] = vocabulary.search(word, { fuzzy: word.length >= 10 ? 2 : 1, prefix: false });
    return closest ? (closest.word as string) : word;
  };
  return (word) => {
    let corrected = corrections.get(word);
    if (corrected === undefined) {
      // Bounded, since the words come from whatever people type.
      if (corrections.size >= SPELLING_CACHE_SIZE) corrections.clear();
      corrected = closestWord(word);
      corrections.set(word, corrected);
    }
    return corrected;
  };
}

const SPELLING_CACHE_SIZE = 10_000;

// Typos are fixed before stemming, by fuzzy search among the words of the entries (buildSpeller);
// here prefixes join stems of different lengths ("desact", "desactiv"). Word pairs match exactly.
const prefix = (term: string): boolean => !isBigram(term) && term.length >= 5;

function unigramsOf(results: SearchResult[]): Set<string> {
  return new Set(results.flatMap((r) => r.queryTerms).filter((t) => !isBigram(t)));
}

/** True when a and b differ by at most one inserted, deleted or replaced letter. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const restA = a.slice(i);
  const restB = b.slice(i);
  return restA.slice(1) === restB.slice(1) || restA.slice(1) === restB || restA === restB.slice(1);
}

/** Builds the in-memory indexes (one per language) once; each match then takes a fraction of a millisecond. */
export function createFaqMatcher(kb: KnowledgeBase, tuning: MatcherTuning = DEFAULT_TUNING): FaqMatcher & { analyze(question: string, fallback: Lang): MatchAnalysis } {
  const indexes = Object.fromEntries(LANGS.map((lang) => [lang, buildIndex(kb, lang)])) as Record<Lang, LanguageIndex>;
  /** Scope words weigh less; a pair weighs as a pair unless both its words are scope words. */
  const termWeight = (analyzer: TextAnalyzer, term: string): number => {
    const isScope = (word: string) => analyzer.scopeTerms.has(word);
    if (!isBigram(term)) return isScope(term) ? tuning.scopeWeight : 1;
    return bigramParts(term).every(isScope) ? tuning.scopeWeight : tuning.bigramWeight;
  };

  const searchOptionsFor = (index: LanguageIndex) => ({
    boost: tuning.boost,
    prefix,
    boostTerm: (term: string) => termWeight(index.analyzer, term),
    combineWith: 'OR' as const,
  });

  /** When function words do not tell, the knowledge base's own vocabulary may ("calendrier ?" is French). */
  const vocabularyLanguage = (question: string): Lang | undefined => {
    const [en, fr] = LANGS.map((lang) => indexes[lang].analyzer.terms(question).filter((t) => indexes[lang].vocabulary.has(t)).length);
    if (en > fr) return 'en';
    if (fr > en) return 'fr';
    return undefined;
  };

  const entriesOf = (ids: string[]): FaqEntry[] => ids.flatMap((id) => kb.byId.get(id) ?? []);

  const analyze = (question: string, fallback: Lang): MatchAnalysis => {
    const detected = detectLanguage(question) ?? vocabularyLanguage(question);
    const lang = detected ?? fallback;
    const index = indexes[lang];
    const queryTerms = index.analyzer.indexTerms(question, index.correct);
    const terms = [...new Set(queryTerms.filter((t) => !isBigram(t)))];
    // The question is analysed once; MiniSearch gets its terms as they are.
    const raw = terms.length > 0 ? index.search.search(question, { ...searchOptionsFor(index), tokenize: () => queryTerms }) : [];
    const known = [...unigramsOf(raw)];
    const topic = [...new Set(raw.flatMap((r) => Object.entries(r.match).flatMap(([term, fields]) => (!isBigram(term) && fields.includes('keywords') ? [term] : []))))];
    const scopeTerms = [...index.analyzer.scopeTerms];
    const scope = terms.filter((t) => scopeTerms.some((s) => s === t || (t.length >= 5 && withinOneEdit(s, t))));
    const results = raw.map((r) => ({ id: r.id as string, score: r.score, terms: r.queryTerms }));
    const [best, second] = results;
    const bestMatched = best ? best.terms.filter((t) => !isBigram(t)).length : 0;
    const coverage = terms.length > 0 ? bestMatched / terms.length : 0;
    const margin = best && second ? best.score / second.score : best ? Infinity : 0;
    const base = { lang, detected, terms, known, topic, scope, results, coverage, margin };

    // Off topic: nothing in the question is a topic word; or it never names the integration and
    // most of its words are unknown here ("my laptop won't turn on"); or, beside the name of the
    // integration, one known word stands among several unknown ones ("add a skill to my LinkedIn profile").
    const unknown = terms.length - known.length;
    const knownBeyondScope = known.filter((t) => !scope.includes(t)).length;
    // A word of another everyday request ("password", "meeting room") with at most one word of an
    // entry beside the integration's name: "how do I change my LinkedIn password".
    const bestBeyondScope = best ? best.terms.filter((t) => !isBigram(t) && !scope.includes(t)).length : 0;
    const otherRequest = terms.some((t) => index.analyzer.offTopicTerms.has(t)) && bestBeyondScope <= 1;
    if (
      !best ||
      topic.length === 0 ||
      otherRequest ||
      (scope.length === 0 && unknown >= known.length) ||
      (knownBeyondScope <= 1 && unknown >= 2)
    ) {
      return { ...base, match: { kind: 'offTopic', lang } };
    }
    const enoughWords = coverage >= tuning.minCoverage || bestMatched >= tuning.minMatchedTerms;
    if (enoughWords && margin >= tuning.minMargin && best.score >= tuning.minScore) {
      const entry = kb.byId.get(best.id) as FaqEntry;
      return { ...base, match: { kind: 'answer', lang, entry, score: best.score, related: entriesOf(entry.related) } };
    }
    const suggestions = entriesOf(results.slice(0, tuning.maxSuggestions).map((r) => r.id));
    return { ...base, match: { kind: 'unsure', lang, suggestions } };
  };

  return {
    match: (question, fallback) => analyze(question, fallback).match,
    analyze,
    entry: (id) => kb.byId.get(id),
  };
}
