import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { LANGS } from '../../src/i18n/lang';
import type { AdaptiveCard } from '../../src/cards/renderCard';
import type { CardSamples } from './samples/cardSamples';

/**
 * Every card template, rendered with sample data in every language, parsed and validated by the
 * official `adaptivecards` renderer in headless Chromium. Samples come from
 * test/cards/samples/*.samples.ts (see cardSamples.ts for how to add a feature's).
 */
const CHROMIUM = '/usr/bin/chromium';
const SRC = path.join(__dirname, '../../src');
const SAMPLES_DIR = path.join(__dirname, 'samples');
const BUNDLE = require.resolve('adaptivecards/dist/adaptivecards.min.js');

function templates(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full);
    return entry.name.endsWith('.json') && path.basename(dir) === 'cards' ? [path.relative(SRC, full).split(path.sep).join('/')] : [];
  });
}

function loadSamples(): CardSamples {
  const all: CardSamples = {};
  for (const file of fs.readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.samples.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- sample modules are discovered at run time
    const { samples } = require(path.join(SAMPLES_DIR, file)) as { samples: CardSamples };
    for (const [template, render] of Object.entries(samples)) {
      if (all[template]) throw new Error(`two sample files cover ${template}`);
      all[template] = render;
    }
  }
  return all;
}

interface RendererEvent {
  phase: number;
  event: number;
  message: string;
}

/** Runs in the page: parse with a serialization context, then validateProperties; returns every event. */
function parseAndValidate(cards: AdaptiveCard[]): RendererEvent[][] {
  // The bundle defines a global `AdaptiveCards` (UMD) in the page.
  const AC = (globalThis as unknown as { AdaptiveCards: Record<string, new () => Record<string, (...a: unknown[]) => unknown>> }).AdaptiveCards;
  return cards.map((json) => {
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext() as unknown as { eventCount: number; getEventAt(i: number): RendererEvent };
    card.parse(json, context);
    const events: RendererEvent[] = [];
    for (let i = 0; i < context.eventCount; i++) {
      const e = context.getEventAt(i);
      events.push({ phase: e.phase, event: e.event, message: e.message });
    }
    const validation = card.validateProperties() as { validationEvents: RendererEvent[] };
    for (const e of validation.validationEvents) events.push({ phase: e.phase, event: e.event, message: e.message });
    return events;
  });
}

describe('card templates in the official Adaptive Cards renderer (headless Chromium)', () => {
  let browser: Browser;
  let page: Page;
  const files = templates();
  const samples = loadSamples();

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium) to run the card renderer test`);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage();
    // No network: every request the page would make is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ path: BUNDLE });
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('every template has samples, and every sample a template', () => {
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !samples[f])).toEqual([]);
    expect(Object.keys(samples).filter((s) => !files.includes(s))).toEqual([]);
  });

  for (const lang of LANGS) {
    test(`every template parses and validates with no event (${lang})`, async () => {
      const cards: Array<{ template: string; index: number; card: AdaptiveCard }> = [];
      for (const template of files) {
        const rendered = samples[template]?.(lang) ?? [];
        expect({ template, count: rendered.length > 0 }).toEqual({ template, count: true });
        rendered.forEach((card, index) => cards.push({ template, index, card }));
      }
      // A binding left unexpanded means the sample data (or the render function) misses a field.
      for (const { template, index, card } of cards) expect({ template, index, unbound: JSON.stringify(card).match(/\$\{[^}]*\}/g) }).toEqual({ template, index, unbound: null });

      const events = await page.evaluate(parseAndValidate, cards.map((c) => c.card));
      const problems = cards.map((c, i) => ({ template: c.template, sample: c.index, events: events[i] })).filter((p) => p.events.length > 0);
      expect(problems).toEqual([]);
    });
  }
});
