import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import {
  APP_PACKAGE_DIR,
  AppPackageError,
  ROOT_DIR,
  buildAppPackage,
  bundledSchema,
  fillPlaceholders,
  iconProblems,
  loadEnvironment,
  localizableKeys,
  placeholdersIn,
  schemaErrors,
  unicodeSafePattern,
} from '../../scripts/app-package';

const run = promisify(execFile);

/** Values a provisioned environment would have. */
const PROVISIONED: Record<string, string> = {
  TEAMS_APP_ID: '8a5b8f3c-1d2e-4f60-9a7b-0c1d2e3f4a5b',
  BOT_ID: '0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0',
  BOT_DOMAIN: 'lica-test-app.azurewebsites.net',
};
/** env/.env.dev plus what provision writes there. */
const devValues = (): Record<string, string> => ({ ...loadEnvironment('dev', ROOT_DIR, {}), ...PROVISIONED });

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
const manifestTemplate = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const filledManifest = (values = devValues()): Record<string, unknown> =>
  JSON.parse(fillPlaceholders(manifestTemplate, values).text) as Record<string, unknown>;

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A copy of appPackage/ to break on purpose. */
function copyOfAppPackage(): string {
  const dir = path.join(tmp, 'appPackage');
  fs.cpSync(APP_PACKAGE_DIR, dir, { recursive: true });
  return dir;
}

describe('manifest', () => {
  it('uses the newest Teams manifest schema bundled in @microsoft/app-manifest (1.24 or later)', () => {
    const schemasDir = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');
    const newest = fs
      .readdirSync(schemasDir)
      .filter((d) => /^v1\.\d+$/.test(d))
      .map((d) => Number(d.slice(3)))
      .sort((a, b) => b - a)[0];
    const manifest = readJson(path.join(APP_PACKAGE_DIR, 'manifest.json'));
    expect(manifest.manifestVersion).toBe(`1.${newest}`);
    expect(newest).toBeGreaterThanOrEqual(24);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v1.${newest}/MicrosoftTeams.schema.json`);
  });

  it('is valid against its schema once the placeholders are filled', async () => {
    expect(await schemaErrors(filledManifest(), 'manifest.json')).toEqual([]);
  });

  it('uses Agents Toolkit placeholders, each set in env/.env.dev or written by provision', () => {
    const env = loadEnvironment('dev', ROOT_DIR, {});
    const unset = placeholdersIn(manifestTemplate).filter((name) => !env[name]);
    expect(unset.sort()).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    // Provision writes exactly these: teamsApp/create and the outputs of infra/azure.bicep.
    const bicep = fs.readFileSync(path.join(ROOT_DIR, 'infra', 'azure.bicep'), 'utf8');
    expect(bicep).toMatch(/^output BOT_ID string/m);
    expect(bicep).toMatch(/^output BOT_DOMAIN string/m);
  });

  it('is a personal conversational bot without files, with the user and admin commands in its menu', () => {
    const manifest = filledManifest() as {
      bots: { botId: string; scopes: string[]; supportsFiles: boolean; isNotificationOnly: boolean; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
      name: { short: string };
      developer: Record<string, string>;
      validDomains: string[];
    };
    expect(manifest.name.short).toBe('LinkedIn Connections Assistant');
    const [bot] = manifest.bots;
    expect(bot.botId).toBe(PROVISIONED.BOT_ID);
    expect(bot.scopes).toEqual(['personal']);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    const titles = bot.commandLists.flatMap((list) => list.commands.map((c) => c.title));
    expect(titles).toEqual([
      'help',
      'connect',
      'status',
      'revoke',
      'my data',
      'admin status',
      'admin enable all',
      'admin disable',
      'admin announce all',
      'admin audit',
    ]);
    expect(bot.commandLists.every((list) => list.scopes.join() === 'personal')).toBe(true);
    expect(manifest.developer.privacyUrl).toMatch(/^https:\/\//);
    expect(manifest.developer.termsOfUseUrl).toMatch(/^https:\/\//);
    expect(manifest.validDomains).toEqual([PROVISIONED.BOT_DOMAIN]);
  });
});

describe('French localization', () => {
  const fr = readJson(path.join(APP_PACKAGE_DIR, 'fr.json'));
  const frSchema = bundledSchema(fr.$schema);

  it('is declared in localizationInfo with English as the default language', () => {
    const info = filledManifest().localizationInfo as { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
    expect(info.defaultLanguageTag).toMatch(/^en/);
    expect(info.additionalLanguages).toEqual([{ languageTag: 'fr', file: 'fr.json' }]);
  });

  it('is valid against the localization schema of the same manifest version', async () => {
    expect(fr.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${String(filledManifest().manifestVersion)}/MicrosoftTeams.Localization.schema.json`,
    );
    expect(await schemaErrors(fr, 'fr.json')).toEqual([]);
  });

  it('translates every localizable string of the manifest, and nothing else', () => {
    const expected = localizableKeys(filledManifest(), frSchema);
    // Names, descriptions, and a title and description per command.
    expect(expected).toEqual(expect.arrayContaining(['name.short', 'name.full', 'description.short', 'description.full']));
    expect(expected.filter((k) => k.startsWith('bots[0].commandLists[0].commands['))).toHaveLength(20);
    expect(Object.keys(fr).filter((k) => k !== '$schema').sort()).toEqual([...expected].sort());
  });

  it('gives the French command words the bot accepts for user commands, in French', () => {
    const titles = Object.entries(fr)
      .filter(([k]) => k.endsWith('.title'))
      .map(([, v]) => v);
    expect(titles.slice(0, 5)).toEqual(['aide', 'connecter', 'statut', 'révoquer', 'mes données']);
    // Admin commands have no French alias: the menu must send the English words.
    expect(titles.slice(5)).toEqual(['admin status', 'admin enable all', 'admin disable', 'admin announce all', 'admin audit']);
  });

  it('catches a localization schema violation (string too long)', async () => {
    const tooLong = { ...fr, 'name.short': 'x'.repeat(31) };
    const errors = await schemaErrors(tooLong, 'fr.json');
    expect(errors.join('\n')).toMatch(/name\.short must NOT have more than 30 characters/);
  });
});

describe('icons', () => {
  const color = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'color.png'));
  const outline = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png'));

  it('color.png is a 192x192 full-colour PNG', () => {
    expect(iconProblems(color, { file: 'color.png', width: 192, height: 192 })).toEqual([]);
    const png = PNG.sync.read(color);
    const colours = new Set<string>();
    let opaque = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i + 3] === 255) opaque++;
      colours.add(png.data.subarray(i, i + 3).join());
    }
    expect(opaque / (192 * 192)).toBeGreaterThan(0.9);
    expect(colours.size).toBeGreaterThan(50);
  });

  it('outline.png is 32x32, only white or transparent pixels, and not empty', () => {
    expect(iconProblems(outline, { file: 'outline.png', width: 32, height: 32, whiteOnTransparent: true })).toEqual([]);
    const png = PNG.sync.read(outline);
    const alphas = [...png.data.filter((_, i) => i % 4 === 3)];
    expect(alphas.filter((a) => a === 255).length).toBeGreaterThan(100);
    expect(alphas.filter((a) => a === 0).length).toBeGreaterThan(300);
  });

  it('the icon checks fail on a coloured outline or a wrong size', () => {
    const coloured = new PNG({ width: 32, height: 32 });
    coloured.data.fill(255);
    coloured.data[0] = 0; // one opaque cyan pixel
    expect(iconProblems(PNG.sync.write(coloured), { file: 'o.png', width: 32, height: 32, whiteOnTransparent: true })).toEqual([
      'o.png has 1 pixels that are neither white nor transparent',
    ]);
    expect(iconProblems(color, { file: 'color.png', width: 32, height: 32 })).toEqual(['color.png is 192x192, expected 32x32']);
    expect(iconProblems(Buffer.from('not a png'), { file: 'x.png', width: 1, height: 1 })[0]).toMatch(/not a readable PNG/);
  });

  it('are what scripts/draw-icons.ts draws', async () => {
    // In a child process: the renderer runs several times faster outside Jest's module sandbox.
    const tsNode = path.join(ROOT_DIR, 'node_modules', 'ts-node', 'dist', 'bin.js');
    await run(process.execPath, [tsNode, '--transpile-only', path.join(ROOT_DIR, 'scripts', 'draw-icons.ts'), tmp], { cwd: ROOT_DIR });
    expect(fs.readFileSync(path.join(tmp, 'color.png')).equals(color)).toBe(true);
    expect(fs.readFileSync(path.join(tmp, 'outline.png')).equals(outline)).toBe(true);
  });
});

describe('buildAppPackage', () => {
  it('zips the filled manifest, the French strings and both icons', async () => {
    const result = await buildAppPackage({ envName: 'dev', values: devValues(), outDir: tmp });
    expect(result.zipPath).toBe(path.join(tmp, 'appPackage.dev.zip'));
    const entries = unzipSync(fs.readFileSync(result.zipPath));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(Buffer.from(entries['manifest.json']).toString('utf8')) as { id: string };
    expect(manifest.id).toBe(PROVISIONED.TEAMS_APP_ID);
    expect(Buffer.from(entries['manifest.json']).toString('utf8')).not.toContain('${{');
    expect(Buffer.from(entries['outline.png']).equals(fs.readFileSync(path.join(APP_PACKAGE_DIR, 'outline.png')))).toBe(true);
  });

  it('names every placeholder without a value', async () => {
    const values = devValues();
    delete values.BOT_ID;
    delete values.TEAMS_APP_ID;
    const error = (await buildAppPackage({ envName: 'dev', values, outDir: tmp }).catch((e: unknown) => e)) as AppPackageError;
    expect(error).toBeInstanceOf(AppPackageError);
    expect(error.problems).toEqual([
      'manifest.json uses ${{TEAMS_APP_ID}} but TEAMS_APP_ID has no value: set it in env/.env.dev or in the environment',
      'manifest.json uses ${{BOT_ID}} but BOT_ID has no value: set it in env/.env.dev or in the environment',
    ]);
    expect(fs.existsSync(path.join(tmp, 'appPackage.dev.zip'))).toBe(false);
  });

  it('reports schema errors, such as a bot id that is not a GUID', async () => {
    const error = (await buildAppPackage({ envName: 'dev', values: { ...devValues(), BOT_ID: 'not-a-guid' }, outDir: tmp }).catch(
      (e: unknown) => e,
    )) as AppPackageError;
    expect(error).toBeInstanceOf(AppPackageError);
    expect(error.message).toMatch(/manifest\.json: \/bots\/0\/botId must match pattern/);
  });

  it('reports a missing translation and a missing icon', async () => {
    const dir = copyOfAppPackage();
    const fr = readJson(path.join(dir, 'fr.json'));
    delete fr['bots[0].commandLists[0].commands[3].description'];
    fs.writeFileSync(path.join(dir, 'fr.json'), JSON.stringify(fr));
    fs.rmSync(path.join(dir, 'outline.png'));
    const error = (await buildAppPackage({ envName: 'dev', values: devValues(), sourceDir: dir, outDir: tmp }).catch(
      (e: unknown) => e,
    )) as AppPackageError;
    expect(error.problems).toEqual([
      'icons.outline "outline.png" does not exist in appPackage/',
      'fr.json has no translation for "bots[0].commandLists[0].commands[3].description"',
    ]);
  });

  it('escapes values for JSON and rejects an unsafe environment name', () => {
    expect(fillPlaceholders('{"a":"${{X}}"}', { X: 'say "hi" \\' }).text).toBe('{"a":"say \\"hi\\" \\\\"}');
    expect(() => loadEnvironment('../etc', ROOT_DIR, {})).toThrow(AppPackageError);
  });

  it('makes the bundled localization schema patterns compile with the unicode flag', () => {
    const broken = '^activities.activityTypes\\[\\b([0-9]|1[0-9])\\b]\\.description$';
    expect(() => new RegExp(broken, 'u')).toThrow();
    const fixed = unicodeSafePattern(broken);
    expect(new RegExp(fixed, 'u').test('activities.activityTypes[12].description')).toBe(true);
    expect(unicodeSafePattern('^[a-z]+\\]$')).toBe('^[a-z]+\\]$');
  });
});

describe('npm run package', () => {
  const script = path.join(ROOT_DIR, 'scripts', 'package-app.ts');
  const tsNode = path.join(ROOT_DIR, 'node_modules', 'ts-node', 'dist', 'bin.js');

  it('writes build/appPackage.<env>.zip with the four files from env values', async () => {
    const { stdout } = await run(process.execPath, [tsNode, '--transpile-only', script, '--env', 'dev', '--out', tmp], {
      cwd: ROOT_DIR,
      env: { ...process.env, ...PROVISIONED },
    });
    expect(stdout).toContain('appPackage.dev.zip');
    const entries = unzipSync(fs.readFileSync(path.join(tmp, 'appPackage.dev.zip')));
    expect(Object.keys(entries).sort()).toEqual(['color.png', 'fr.json', 'manifest.json', 'outline.png']);
  });

  it('fails with a clear message when a value is missing', async () => {
    const env = { ...process.env, TEAMS_APP_ID: '', BOT_ID: '', BOT_DOMAIN: '' };
    const failure = (await run(process.execPath, [tsNode, '--transpile-only', script, '--env', 'dev', '--out', tmp], { cwd: ROOT_DIR, env }).catch(
      (e: unknown) => e,
    )) as { code: number; stderr: string };
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('manifest.json uses ${{BOT_ID}} but BOT_ID has no value');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
