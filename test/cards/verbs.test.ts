import fs from 'node:fs';
import path from 'node:path';
import { VERBS } from '../../src/cards/verbs';
import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { startTestStorage, type TestStorage } from '../harness/testStorage';

/** Every card template in the source tree. */
function templates(dir = path.join(__dirname, '../../src')): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return templates(full);
    return entry.name.endsWith('.json') && path.basename(dir) === 'cards' ? [full] : [];
  });
}

/** The verbs a template can send: Action.Execute `verb`, and `data.verb` of Action.Submit. */
function verbsIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => verbsIn(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) {
      if (typeof o.verb === 'string') found.add(o.verb);
      const data = o.data as Record<string, unknown> | undefined;
      if (data && typeof data.verb === 'string') found.add(data.verb);
    }
    Object.values(o).forEach((v) => verbsIn(v, found));
  }
  return found;
}

describe('card verbs', () => {
  let storage: TestStorage;
  let handled: string[];
  beforeAll(async () => {
    storage = await startTestStorage();
    const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), tables: storage.tables });
    handled = app.bot.router.verbs;
    await app.close();
  });
  afterAll(() => storage.close());

  const files = templates();
  const used = new Map<string, string[]>();
  for (const file of files) {
    for (const verb of verbsIn(JSON.parse(fs.readFileSync(file, 'utf8')))) used.set(verb, [...(used.get(verb) ?? []), path.basename(file)]);
  }

  test('there are templates, and they use only verbs declared in src/cards/verbs.ts', () => {
    expect(files.length).toBeGreaterThan(0);
    const declared = new Set<string>(Object.values(VERBS));
    for (const verb of used.keys()) {
      // Templates take verbs from data (`${verb}`) or literally; literal ones must be declared.
      if (!verb.startsWith('${')) expect(declared).toContain(verb);
    }
  });

  test('every declared verb has a handler, and every handler a declared verb', () => {
    expect([...handled].sort()).toEqual(Object.values(VERBS).sort());
  });

  test('every declared verb is used by some card', () => {
    // Verbs reach templates either literally or through card data built from VERBS; search both.
    const sources = fs
      .readdirSync(path.join(__dirname, '../../src'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') || f.endsWith('.json'))
      .map((f) => fs.readFileSync(path.join(__dirname, '../../src', f), 'utf8'))
      .join('\n');
    for (const [key, verb] of Object.entries(VERBS)) {
      const literal = used.has(verb);
      const viaData = new RegExp(`VERBS\\.${key}\\b`).test(sources.replace(/export const VERBS[\s\S]*?as const;/, ''));
      expect({ verb, used: literal || viaData }).toEqual({ verb, used: true });
    }
  });
});
