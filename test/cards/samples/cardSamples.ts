import type { AdaptiveCard } from '../../../src/cards/renderCard';
import type { Lang } from '../../../src/i18n/lang';

/**
 * Sample renderings of card templates, for the renderer test (test/cards/renderer.test.ts).
 *
 * How to extend: for a feature with templates in `src/<feature>/cards/*.json`, add a file
 * `test/cards/samples/<feature>.samples.ts` exporting `samples: CardSamples`, keyed by each
 * template's path relative to `src/` (e.g. `'faq/cards/answer.json'`), each giving the cards that
 * template renders to in a language, through the feature's own typed render functions, covering
 * its variants (with and without optional parts). The renderer test finds these files itself and
 * fails for any template without a sample.
 */
export type CardSamples = Record<string, (lang: Lang) => AdaptiveCard[]>;
