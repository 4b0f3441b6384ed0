import { detectLanguage } from '../../src/faq/language';

test.each([
  ['What does LinkedIn get from my account?', 'en'],
  ["what's stored", 'en'],
  ['how do I disconnect', 'en'],
  ['Quelles données LinkedIn reçoit-il ?', 'fr'],
  ["c'est quoi l'intégration", 'fr'],
  ['combien de temps les contacts sont conservés', 'fr'],
  ['mes donnees partent aux usa', 'fr'],
  ['is my data sent to the US?', 'en'],
])('%s is %s', (text, lang) => {
  expect(detectLanguage(text)).toBe(lang);
});

test.each(['LinkedIn contacts', 'Outlook', '', '???', 'Microsoft 365'])('"%s" gives no clear sign', (text) => {
  expect(detectLanguage(text)).toBeUndefined();
});
