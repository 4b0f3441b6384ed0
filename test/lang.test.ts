import { LANGS } from '../src/i18n/lang';

test('the bot speaks English and French', () => {
  expect([...LANGS]).toEqual(['en', 'fr']);
});
