import { bigram, createTextAnalyzer, foldAccents, tokenize } from '../../src/faq/textAnalysis';

const en = createTextAnalyzer('en');
const fr = createTextAnalyzer('fr');

test('accents are folded, so typing without them changes nothing', () => {
  expect(foldAccents('Données ÉTATS-UNIS cœur')).toBe('donnees etats-unis coeur');
  expect(fr.terms('les données conservées')).toEqual(fr.terms('les donnees conservees'));
  expect(fr.terms('déconnexion')).toEqual(fr.terms('deconnexion'));
});

test('tokens split on apostrophes and hyphens, and "US" is not the pronoun', () => {
  expect(tokenize("l'accès qu'est-ce")).toEqual(['acces', 'qu', 'est', 'ce']);
  expect(tokenize('is it sent to the US?')).toContain('usa');
  expect(tokenize('tell us more')).not.toContain('usa');
});

test('stop words are dropped, but the words that carry meaning here are kept', () => {
  expect(en.terms('what is the')).toEqual([]);
  expect(en.terms('both directions')).toContain(en.termOf('both'));
  expect(fr.terms('est-ce que les')).toEqual([]);
});

test('words are stemmed per language', () => {
  expect(en.termOf('deleting')).toBe(en.termOf('deleted'));
  expect(en.termOf('meetings')).toBe(en.termOf('meeting'));
  expect(fr.termOf('réunions')).toBe(fr.termOf('réunion'));
  expect(fr.termOf('stockées')).toBe(fr.termOf('stocker'));
});

test('synonyms share one term', () => {
  expect(new Set(['keep', 'store', 'retain', 'stored', 'kept'].map(en.termOf)).size).toBe(1);
  expect(new Set(['delete', 'remove', 'erase'].map(en.termOf)).size).toBe(1);
  expect(new Set(['garder', 'conserver', 'stocker', 'conservées'].map(fr.termOf)).size).toBe(1);
  expect(new Set(['supprimer', 'effacer', 'supprimés'].map(fr.termOf)).size).toBe(1);
  expect(en.termOf('keep')).not.toBe(en.termOf('delete'));
});

test('index terms add the pairs of adjacent words, within a sentence only', () => {
  const terms = en.indexTerms('LinkedIn shares with Microsoft. Contacts');
  // "share" is one of the words for sending, whose term is "send".
  expect(terms).toContain(bigram('linkedin', 'send'));
  expect(terms).toContain(bigram('send', 'microsoft'));
  expect(terms).not.toContain(bigram('microsoft', 'contact'));
});

test('compounds join into one word and inverted French pronouns are stop words', () => {
  expect(en.terms('my address book')).toEqual([en.termOf('addressbook')]);
  expect(en.terms('my address book')).not.toContain(en.termOf('book'));
  expect(fr.terms('les réunions vont-elles')).toEqual([fr.termOf('réunion')]);
});
