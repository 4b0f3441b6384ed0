import en from '../locales/en.json';
import fr from '../locales/fr.json';
import { LANGS, type Lang } from './lang';

/** English is the reference: every key it has, French must have too (a test checks). */
export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const catalogs: Record<Lang, Messages> = { en, fr };

export function messagesFor(lang: Lang): Messages {
  return catalogs[lang];
}

/** Teams sends BCP-47 locales ("fr-FR", "en-US"); anything we do not speak gets English. */
export function langFromLocale(locale: string | undefined): Lang {
  const primary = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return (LANGS as readonly string[]).includes(primary) ? (primary as Lang) : 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Fills {name} placeholders; an unknown placeholder is left visible rather than silently dropped. */
export function translator(lang: Lang): Translate {
  const messages = catalogs[lang];
  return (key, params) => {
    const text = messages[key];
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

/** All strings of one namespace ("help.") without the prefix, for card templates. */
export function section(lang: Lang, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(catalogs[lang])) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  }
  return out;
}
