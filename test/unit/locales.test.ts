import en from '../../src/locales/en.json';
import fr from '../../src/locales/fr.json';
import { langFromLocale, translator } from '../../src/i18n/i18n';

describe('locale files', () => {
  test('French and English have exactly the same keys', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
  });

  test('no string is empty and placeholders match across languages', () => {
    const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(en[key].trim()).not.toBe('');
      expect(fr[key].trim()).not.toBe('');
      expect(placeholders(fr[key])).toEqual(placeholders(en[key]));
    }
  });

  test('langFromLocale maps Teams locales and falls back to English', () => {
    expect(langFromLocale('fr-FR')).toBe('fr');
    expect(langFromLocale('fr-ca')).toBe('fr');
    expect(langFromLocale('en-GB')).toBe('en');
    expect(langFromLocale('de-DE')).toBe('en');
    expect(langFromLocale(undefined)).toBe('en');
  });

  test('translator fills placeholders and leaves unknown ones visible', () => {
    const t = translator('en');
    expect(t('common.error')).toBe(en['common.error']);
  });
});
