import { createFaqMatcher } from '../../src/faq/faqMatcher';
import { loadKnowledgeBase } from '../../src/faq/knowledgeBase';

const kb = loadKnowledgeBase();
const matcher = createFaqMatcher(kb);

function answerOf(question: string, fallback: 'en' | 'fr' = 'en') {
  const match = matcher.match(question, fallback);
  if (match.kind !== 'answer') throw new Error(`"${question}" gave ${match.kind}`);
  return match;
}

test('answers in the language of the question, whatever the client locale', () => {
  const fr = answerOf('LinkedIn efface-t-il mes contacts importés quand je me déconnecte ?', 'en');
  expect(fr.lang).toBe('fr');
  expect(fr.entry.id).toBe('contacts');
  const en = answerOf('Will LinkedIn import my Outlook address book?', 'fr');
  expect(en.lang).toBe('en');
  expect(en.entry.id).toBe('contacts');
});

test('falls back to the client locale when the text does not tell', () => {
  expect(matcher.match('LinkedIn contacts', 'fr').lang).toBe('fr');
  expect(matcher.match('LinkedIn contacts', 'en').lang).toBe('en');
});

test('the knowledge base vocabulary tells a language the function words do not', () => {
  expect(matcher.match('calendrier LinkedIn', 'en').lang).toBe('fr');
  expect(matcher.match('calendar LinkedIn', 'fr').lang).toBe('en');
});

test('an answer carries its related entries', () => {
  const match = answerOf('Does LinkedIn see the title of my meetings?');
  expect(match.entry.id).toBe('calendar-data');
  expect(match.related.map((e) => e.id)).toEqual(kb.byId.get('calendar-data')!.related);
  expect(match.score).toBeGreaterThan(0);
});

test('typos are read as the word meant', () => {
  expect(answerOf('linkdin calender').entry.id).toBe('calendar-data');
  expect(answerOf('microsoft privacy statment').entry.id).toBe('privacy-statements');
});

test('synonyms reach the entry that uses the other word', () => {
  expect(answerOf('does LinkedIn retain my Microsoft data permanently').entry.id).toBe('retention');
  expect(answerOf('LinkedIn stocke mes données pour toujours ?', 'fr').entry.id).toBe('retention');
});

test.each(["what's the weather like tomorrow", 'quel temps fait-il', 'tell me a joke', 'raconte-moi une blague', 'my printer is jammed again'])(
  '"%s" is off topic',
  (question) => {
    expect(matcher.match(question, 'en').kind).toBe('offTopic');
  },
);

test('a request for something else that names LinkedIn or Outlook is off topic', () => {
  expect(matcher.match('I forgot my LinkedIn password', 'en').kind).toBe('offTopic');
  expect(matcher.match('mon mot de passe linkedin a expiré', 'fr').kind).toBe('offTopic');
  expect(matcher.match('réserver la salle de réunion du 3e étage', 'fr').kind).toBe('offTopic');
});

test('a compound is one word, even misspelt: an address book is not a book', () => {
  expect(answerOf('my linkedin adress book').entry.id).toBe('contacts');
  // "book" alone is a word no entry has.
  expect(matcher.analyze('LinkedIn book', 'en').known).toEqual(['linkedin']);
});

test('off topic answers in the language of the question', () => {
  expect(matcher.match('quel temps fait-il', 'en')).toEqual({ kind: 'offTopic', lang: 'fr' });
});

test('a vague on-topic question is unsure and offers the closest two or three entries', () => {
  const match = matcher.match('LinkedIn and Microsoft', 'en');
  expect(match.kind).toBe('unsure');
  if (match.kind !== 'unsure') return;
  expect(match.suggestions.length).toBeGreaterThanOrEqual(2);
  expect(match.suggestions.length).toBeLessThanOrEqual(3);
  expect(new Set(match.suggestions.map((e) => e.id)).size).toBe(match.suggestions.length);
});

test('empty or punctuation-only text is off topic', () => {
  expect(matcher.match('', 'fr')).toEqual({ kind: 'offTopic', lang: 'fr' });
  expect(matcher.match('?!', 'en')).toEqual({ kind: 'offTopic', lang: 'en' });
});

test('entry() looks an entry up by id', () => {
  expect(matcher.entry('disconnect')?.en.question).toBe(kb.byId.get('disconnect')!.en.question);
  expect(matcher.entry('nope')).toBeUndefined();
});
