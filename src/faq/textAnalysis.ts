import { eng, fra } from 'stopword';
import { newStemmer, type Stemmer } from 'snowball-stemmers';
import { z } from 'zod';
import type { Lang } from '../i18n/lang';
import languageFile from './knowledge/language.json';

/** Lower-cases and removes diacritics, so "Données" and "donnees" compare equal. */
export function foldAccents(text: string): string {
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
}

/** Rewrites the capitalised abbreviation "US" (or "U.S.") as "usa" before lower-casing turns it into the pronoun "us". */
export function markAbbreviations(text: string): string {
  return text.replace(/\bU\.?S\.?(?:A\b\.?)?(?![\p{L}])/gu, ' usa ').replace(/\bthe us\b/gi, 'the usa');
}

/**
 * Splits text into folded word tokens. Apostrophes and hyphens separate words ("l'accès" gives
 * "l", "acces").
 */
export function tokenize(text: string): string[] {
  return foldAccents(markAbbreviations(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((token) => token.length > 1 || /\d/.test(token));
}

const wordSchema = z
  .string()
  .transform((word) => foldAccents(word))
  .refine((word) => /^[\p{L}\p{N}]+$/u.test(word), 'must be a single word');

const languageSettingsSchema = z
  .object({
    scopeTerms: z.array(wordSchema).min(1),
    extraStopWords: z.array(wordSchema),
    keptStopWords: z.array(wordSchema),
    pairOnlyWords: z.array(wordSchema),
    synonyms: z.array(z.array(wordSchema).min(2)),
    compounds: z.array(z.string().min(1)),
    offTopicWords: z.array(wordSchema),
  })
  .strict();

const languageFileSchema = z.object({ en: languageSettingsSchema, fr: languageSettingsSchema }).strict();

type LanguageSettings = z.infer<typeof languageSettingsSchema>;

const STEM_CACHE_SIZE = 20_000;
const STEMMER_NAMES: Record<Lang, string> = { en: 'english', fr: 'french' };
const PACKAGE_STOP_WORDS: Record<Lang, string[]> = { en: eng, fr: fra };

function languageSettings(lang: Lang): LanguageSettings {
  const parsed = languageFileSchema.safeParse(languageFile);
  if (!parsed.success) {
    throw new Error(`Invalid src/faq/knowledge/language.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data[lang];
}

/** The stop words of a language: the `stopword` package list plus ours, minus the words that carry meaning here. */
export function stopWordsFor(lang: Lang): Set<string> {
  const settings = languageSettings(lang);
  const kept = new Set(settings.keptStopWords);
  return new Set([...PACKAGE_STOP_WORDS[lang].map(foldAccents), ...settings.extraStopWords].filter((w) => !kept.has(w)));
}

/**
 * A pair of adjacent terms, as one index term, so word order ("LinkedIn shares with Microsoft")
 * counts. The leading mark keeps pairs out of the prefix matches of single words.
 */
export function bigram(first: string, second: string): string {
  return `_${first}_${second}`;
}

export function isBigram(term: string): boolean {
  return term.startsWith('_');
}

export function bigramParts(term: string): string[] {
  return term.slice(1).split('_');
}

export interface TextAnalyzer {
  readonly lang: Lang;
  /** Terms of other everyday requests (passwords, rooms, printers...): with little else, they mean a question is not for this FAQ. */
  readonly offTopicTerms: ReadonlySet<string>;
  /** Terms that say a question is about this integration at all (LinkedIn, Microsoft, account, data...). */
  readonly scopeTerms: ReadonlySet<string>;
  /** The index term for one token (stemmed, synonyms merged), or null for a stop word. */
  termOf(token: string): string | null;
  /** Whether a folded word is a stop word of this language. */
  isStopWord(word: string): boolean;
  /** The index terms of a text, in order, stop words removed; `correct` may first fix each word's spelling. */
  terms(text: string, correct?: (word: string) => string): string[];
  /** The terms of a text plus the pairs of adjacent terms within each sentence or line. */
  indexTerms(text: string, correct?: (word: string) => string): string[];
  /** The snowball stem of a folded word (without synonym merging). */
  stem(word: string): string;
}

/** Builds the tokenizer, stop-word filter, stemmer and synonym table of one language. */
export function createTextAnalyzer(lang: Lang): TextAnalyzer {
  const settings = languageSettings(lang);
  const stopWords = stopWordsFor(lang);
  const stemmer: Stemmer = newStemmer(STEMMER_NAMES[lang]);

  const stems = new Map<string, string>();
  const stemUncached = (word: string): string => {
    const stemmed = stemmer.stem(word);
    // Folding happens before stemming, so French feminine and plural participles keep an "e"
    // ("stockees" gives "stocke", "stocker" gives "stock"); dropping it joins the two.
    return lang === 'fr' && stemmed.length > 4 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
  };
  const stem = (word: string): string => {
    let stemmed = stems.get(word);
    if (stemmed === undefined) {
      // Bounded, since the words come from whatever people type.
      if (stems.size >= STEM_CACHE_SIZE) stems.clear();
      stemmed = stemUncached(word);
      stems.set(word, stemmed);
    }
    return stemmed;
  };

  const synonymOf = new Map<string, string>();
  for (const group of settings.synonyms) {
    const canonical = stem(group[0]);
    for (const word of group) synonymOf.set(stem(word), canonical);
  }

  const termOf = (token: string): string | null => {
    const word = foldAccents(token);
    if (word.length === 0 || stopWords.has(word)) return null;
    const stemmed = stem(word);
    return synonymOf.get(stemmed) ?? stemmed;
  };

  // Multi-word names become one word ("address book" is not a book), so their parts match nothing
  // alone; joined after spelling correction, so "adress book" is one too.
  const compounds = settings.compounds.map((phrase) => tokenize(phrase));
  const joinCompounds = (tokens: string[]): string[] => {
    if (compounds.length === 0) return tokens;
    const joined: string[] = [];
    for (let i = 0; i < tokens.length; i += 1) {
      const compound = compounds.find((words) => words.every((word, k) => tokens[i + k] === word));
      if (compound) {
        joined.push(compound.join(''));
        i += compound.length - 1;
      } else joined.push(tokens[i]);
    }
    return joined;
  };
  const wordsOf = (text: string, correct?: (word: string) => string): string[] => {
    const tokens = tokenize(text);
    return joinCompounds(correct ? tokens.map(correct) : tokens);
  };

  // Question words such as "how" tell little alone but much in a pair ("how connect" is not "how long").
  const pairOnly = new Set(settings.pairOnlyWords);

  const terms = (text: string, correct?: (word: string) => string): string[] => wordsOf(text, correct).flatMap((word) => termOf(word) ?? []);

  const indexTerms = (text: string, correct?: (word: string) => string): string[] =>
    markAbbreviations(text).split(/[\n.?!;:,()]+/).flatMap((sentence) => {
      const sequence = wordsOf(sentence, correct).flatMap((word) => (pairOnly.has(word) ? [word] : (termOf(word) ?? [])));
      const unigrams = sequence.filter((term) => !pairOnly.has(term));
      // A question word pairs with the word after it only ("who enables", not "know who").
      const bigrams = sequence.slice(1).flatMap((term, i) => (pairOnly.has(term) ? [] : [bigram(sequence[i], term)]));
      return [...unigrams, ...bigrams];
    });

  return {
    lang,
    scopeTerms: new Set(settings.scopeTerms.map((word) => termOf(word) ?? word)),
    offTopicTerms: new Set(settings.offTopicWords.map((word) => termOf(word) ?? word)),
    termOf,
    stem,
    isStopWord: (word) => stopWords.has(word),
    terms,
    indexTerms,
  };
}
