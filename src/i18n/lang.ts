/** The languages the bot speaks. Everything else falls back to English. */
export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
