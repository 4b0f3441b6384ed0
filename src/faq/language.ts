import type { Lang } from '../i18n/lang';
import { stopWordsFor, tokenize } from './textAnalysis';

/** Stop words that belong to one language only ("on", "me", "as" are in both lists and tell nothing). */
interface LanguageEvidence {
  englishOnly: Set<string>;
  frenchOnly: Set<string>;
}

let evidence: LanguageEvidence | undefined;

function languageEvidence(): LanguageEvidence {
  if (!evidence) {
    const en = stopWordsFor('en');
    const fr = stopWordsFor('fr');
    evidence = {
      englishOnly: new Set([...en].filter((w) => !fr.has(w))),
      frenchOnly: new Set([...fr].filter((w) => !en.has(w))),
    };
  }
  return evidence;
}

// Letters that English words practically never carry.
const FRENCH_DIACRITIC = /[àâçéèêëîïôûùüÿœæ]/i;
// Elided articles and pronouns: l'accès, d'un, qu'est-ce, j'ai, n'est, c'est, s'il.
const FRENCH_ELISION = /(?:^|[^\p{L}])(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’]\p{L}/giu;
// English contractions: what's, can't, I'm, we're, I've, you'll, I'd.
const ENGLISH_CONTRACTION = /\p{L}['’](?:s|t|re|ve|ll|d|m)(?![\p{L}])/giu;

/** Counts the signs of each language in a text. */
export function languageScores(text: string): Record<Lang, number> {
  const { englishOnly, frenchOnly } = languageEvidence();
  let en = (text.match(ENGLISH_CONTRACTION) ?? []).length;
  let fr = (text.match(FRENCH_ELISION) ?? []).length;
  fr += text.split(/\s+/).filter((word) => FRENCH_DIACRITIC.test(word)).length;
  for (const token of tokenize(text)) {
    if (englishOnly.has(token)) en += 1;
    else if (frenchOnly.has(token)) fr += 1;
  }
  return { en, fr };
}

/**
 * The language a question is written in, from its function words, accents and elisions;
 * undefined when the text gives no clear sign (for example "LinkedIn contacts?").
 */
export function detectLanguage(text: string): Lang | undefined {
  const { en, fr } = languageScores(text);
  if (en > fr) return 'en';
  if (fr > en) return 'fr';
  return undefined;
}
