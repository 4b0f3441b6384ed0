import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { LANGS, type Lang } from '../src/i18n/lang';
import type { FaqMatcher, FaqMatch } from '../src/faq/faqMatcher';

const itemSchema = z
  .object({
    q: z.string().min(1),
    lang: z.enum(LANGS),
    expect: z.string().min(1),
    locale: z.enum(LANGS).optional(),
  })
  .strict();

const evalSetSchema = z
  .object({ description: z.string(), tuning: z.array(itemSchema), holdout: z.array(itemSchema), holdout3: z.array(itemSchema), holdout4: z.array(itemSchema) })
  .strict();

export type EvalItem = z.infer<typeof itemSchema>;
export type EvalSet = z.infer<typeof evalSetSchema>;
export const SECTIONS = ['tuning', 'holdout', 'holdout3', 'holdout4'] as const;
export type Section = (typeof SECTIONS)[number];

export const EVAL_SET_PATH = join(__dirname, '..', 'test', 'faq', 'eval-set.json');

export function loadEvalSet(path = EVAL_SET_PATH): EvalSet {
  return evalSetSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** What the matcher answered, in the terms of the eval set's labels. */
export function outcomeOf(match: FaqMatch): string {
  if (match.kind === 'answer') return match.entry.id;
  return match.kind;
}

export interface Miss {
  item: EvalItem;
  got: string;
  gotLang: Lang;
}

export interface LanguageScore {
  total: number;
  correct: number;
  accuracy: number;
  /** Questions answered in a language other than their own. */
  wrongLanguage: number;
}

export interface Evaluation {
  byLang: Record<Lang, LanguageScore>;
  misses: Miss[];
}

/**
 * A question is right when the matcher reaches the labelled entry (an answer) or, for
 * "offTopic" labels, says it is off topic; "unsure" is never counted as right.
 */
export function evaluate(matcher: FaqMatcher, items: EvalItem[]): Evaluation {
  const byLang = Object.fromEntries(LANGS.map((l) => [l, { total: 0, correct: 0, accuracy: 0, wrongLanguage: 0 }])) as Record<Lang, LanguageScore>;
  const misses: Miss[] = [];
  for (const item of items) {
    const match = matcher.match(item.q, item.locale ?? item.lang);
    const got = outcomeOf(match);
    const score = byLang[item.lang];
    score.total += 1;
    if (match.lang !== item.lang) score.wrongLanguage += 1;
    if (got === item.expect) score.correct += 1;
    else misses.push({ item, got, gotLang: match.lang });
  }
  for (const score of Object.values(byLang)) score.accuracy = score.total === 0 ? 0 : score.correct / score.total;
  return { byLang, misses };
}
