import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS } from '../../src/i18n/lang';
import { loadKnowledgeBase, parseKnowledgeBase, KnowledgeBaseError, type KnowledgeFiles } from '../../src/faq/knowledgeBase';
import topics from '../../src/faq/knowledge/topics.json';
import en from '../../src/faq/knowledge/en.json';
import fr from '../../src/faq/knowledge/fr.json';

// The documents the knowledge base is written from (kept in the repository for provenance).
const SOURCE_DIR = join(__dirname, '..', '..', 'docs', 'sources');

function sourceUrls(): string[] {
  const text = readdirSync(SOURCE_DIR)
    .map((file) => readFileSync(join(SOURCE_DIR, file), 'utf8'))
    .join('\n');
  return [...new Set((text.match(/https?:\/\/[^\s)\]>"'`]+/g) ?? []).map((url) => url.replace(/[.,;:]+$/, '')))];
}

/** Fresh, editable copies of the shipped files. */
function files(): KnowledgeFiles & { raw: { topics: typeof topics; en: typeof en; fr: typeof fr } } {
  const raw = structuredClone({ topics, en, fr });
  return {
    raw,
    topics: { file: 'topics.json', data: raw.topics },
    languages: { en: { file: 'en.json', data: raw.en }, fr: { file: 'fr.json', data: raw.fr } },
  };
}

describe('the shipped knowledge base', () => {
  const kb = loadKnowledgeBase();

  test('loads and covers every topic the FAQ must answer', () => {
    expect(kb.entries.map((e) => e.id).sort()).toEqual(
      [
        'admin-settings',
        'app-consent-setting',
        'availability',
        'benefits',
        'bot-data',
        'calendar-data',
        'consent-options',
        'consent-required',
        'contacts',
        'data-transfer',
        'disconnect',
        'linkedin-data',
        'microsoft-data',
        'overview',
        'privacy-statements',
        'profile-visibility',
        'public-profile',
        'retention',
        'where-it-appears',
      ].sort(),
    );
  });

  test('French and English have the same entries, the same links and their own phrasings', () => {
    for (const entry of kb.entries) {
      expect(entry.fr.links.map((l) => l.url)).toEqual(entry.en.links.map((l) => l.url));
      for (const lang of LANGS) {
        expect(entry[lang].phrasings.length).toBeGreaterThanOrEqual(3);
        expect(entry[lang].keywords.length).toBeGreaterThan(0);
      }
      expect(entry.fr.question).not.toEqual(entry.en.question);
      expect(entry.fr.short).not.toEqual(entry.en.short);
      expect(entry.fr.details).toHaveLength(entry.en.details.length);
    }
  });

  test.each(LANGS)('every link of the sources appears in some %s entry', (lang) => {
    const urls = sourceUrls();
    expect(urls.length).toBeGreaterThanOrEqual(12);
    const linked = new Set(kb.entries.flatMap((e) => e[lang].links.map((l) => l.url)));
    expect(urls.filter((url) => !linked.has(url))).toEqual([]);
  });

  test('the facts the sources insist on are stated', () => {
    const text = (lang: 'en' | 'fr', id: string) => {
      const c = kb.byId.get(id)![lang];
      return [c.short, ...c.details].join(' ');
    };
    expect(text('en', 'calendar-data')).toMatch(/agenda, content (?:and|or) title/);
    expect(text('fr', 'calendar-data')).toMatch(/ordre du jour/);
    expect(text('en', 'availability')).toMatch(/Germany and France/);
    expect(text('en', 'availability')).toMatch(/21Vianet/);
    expect(text('fr', 'availability')).toMatch(/Allemagne et en France/);
    expect(text('en', 'disconnect')).toContain('Me > Settings & Privacy > Partners and services > Microsoft > Remove');
    expect(text('en', 'admin-settings')).toContain('Users > User settings > LinkedIn account connections');
    expect(text('en', 'admin-settings')).toMatch(/No supported Microsoft Graph API/);
    expect(text('en', 'contacts')).toMatch(/until you delete them/);
    expect(text('fr', 'contacts')).toMatch(/jusqu'à ce que vous les supprimiez/);
  });

  test('related entries never point to the entry itself', () => {
    for (const entry of kb.entries) expect(entry.related).not.toContain(entry.id);
  });
});

describe('validation of the knowledge files', () => {
  test('a bad link names the file and the entry', () => {
    const f = files();
    f.raw.fr.entries.find((e) => e.id === 'contacts')!.links[0].url = 'not a url';
    expect(() => parseKnowledgeBase(f)).toThrow(KnowledgeBaseError);
    expect(() => parseKnowledgeBase(f)).toThrow(/fr\.json: entry "contacts" field links\.0\.url/);
  });

  test('an unknown related entry is refused', () => {
    const f = files();
    f.raw.topics.topics[0].related.push('no-such-entry');
    expect(() => parseKnowledgeBase(f)).toThrow(/topics\.json: entry "overview" lists unknown related entry "no-such-entry"/);
  });

  test('an entry missing from one language is refused', () => {
    const f = files();
    f.raw.en.entries = f.raw.en.entries.filter((e) => e.id !== 'retention');
    expect(() => parseKnowledgeBase(f)).toThrow(/en\.json: entry "retention" is missing/);
  });

  test('an entry not listed in the topics is refused', () => {
    const f = files();
    f.raw.fr.entries[0].id = 'stray';
    expect(() => parseKnowledgeBase(f)).toThrow(/fr\.json: entry "stray" is not listed in topics\.json/);
  });

  test('a duplicate entry is refused', () => {
    const f = files();
    f.raw.en.entries.push(structuredClone(f.raw.en.entries[0]));
    expect(() => parseKnowledgeBase(f)).toThrow(/en\.json: entry "overview" appears more than once/);
  });

  test('an entry with too few phrasings or an empty answer is refused', () => {
    const f = files();
    const entry = f.raw.en.entries.find((e) => e.id === 'benefits')!;
    entry.phrasings = ['Why?'];
    entry.short = ' ';
    expect(() => parseKnowledgeBase(f)).toThrow(/en\.json: entry "benefits" field short: .*entry "benefits" field phrasings: each entry needs at least 3 phrasings/);
  });

  test('a language file loaded as the other language is refused', () => {
    const f = files();
    f.languages.fr = { file: 'en.json', data: f.raw.en };
    expect(() => parseKnowledgeBase(f)).toThrow(/en\.json: declares lang "en" but is loaded as "fr"/);
  });
});
