/**
 * Builds the Teams app package (build/appPackage.<env>.zip) from appPackage/:
 * fills the `${{NAME}}` placeholders the way Microsoft 365 Agents Toolkit does, validates the
 * manifest and every localization file offline against the JSON schemas bundled in
 * @microsoft/app-manifest, checks the icons, and zips the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { parse as parseDotenv } from 'dotenv';
import { zipSync } from 'fflate';
import { PNG } from 'pngjs';

export const ROOT_DIR = path.resolve(__dirname, '..');
export const APP_PACKAGE_DIR = path.join(ROOT_DIR, 'appPackage');

/** Every problem found, so one run reports them all. */
export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The values placeholders are filled from: `env/.env.<env>`, then `env/.env.<env>.user`
 * (secrets, never committed), then the process environment, each overriding the one before
 * when it has a non-empty value.
 */
export function loadEnvironment(envName: string, rootDir = ROOT_DIR, processEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) {
    throw new AppPackageError([`environment name "${envName}" may only contain letters, digits, "-" and "_"`]);
  }
  const values: Record<string, string> = {};
  const merge = (source: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(source)) {
      if (value !== undefined && value !== '') values[key] = value;
    }
  };
  for (const file of [`.env.${envName}`, `.env.${envName}.user`]) {
    const full = path.join(rootDir, 'env', file);
    if (fs.existsSync(full)) merge(parseDotenv(fs.readFileSync(full)));
  }
  merge(processEnv);
  values.TEAMSFX_ENV ??= envName;
  return values;
}

/** Names of the placeholders a template uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * Replaces each `${{NAME}}` with its JSON-escaped value (the templates are JSON and a value may
 * hold quotes or backslashes). A name without a value, or with an empty one unless
 * `allowEmpty`, is left in place and reported as missing.
 */
export function fillPlaceholders(
  text: string,
  values: Record<string, string | undefined>,
  { allowEmpty = false } = {},
): { text: string; missing: string[] } {
  const has = (name: string): boolean => values[name] !== undefined && (allowEmpty || values[name] !== '');
  const missing = placeholdersIn(text).filter((name) => !has(name));
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => (has(name) ? JSON.stringify(values[name]).slice(1, -1) : whole));
  return { text: filled, missing };
}

type JsonSchema = Record<string, unknown>;

/** The schema a `$schema` URL names, read from the copy bundled in @microsoft/app-manifest. */
export function bundledSchema(schemaUrl: unknown): JsonSchema {
  if (typeof schemaUrl !== 'string') throw new AppPackageError(['the file has no "$schema" URL']);
  const match = /\/json-schemas\/(teams\/v[0-9.]+|teams\/vDevPreview)\/([A-Za-z.]+\.schema\.json)$/.exec(schemaUrl);
  const packageDir = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = match && path.join(packageDir, 'build', 'json-schemas', match[1], match[2]);
  if (!file || !fs.existsSync(file)) {
    throw new AppPackageError([
      `"$schema" ${schemaUrl} is not one of the schemas bundled in @microsoft/app-manifest, so it cannot be checked offline`,
    ]);
  }
  // Same clean-up as the package's own loader: two escapes that are not valid JSON.
  const schema = JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as JsonSchema;
  return withUnicodeSafePatterns(schema) as JsonSchema;
}

/**
 * Escapes a `]` that closes no character class. Ajv compiles patterns with the `u` flag, where
 * a lone `]` is a syntax error; some bundled localization schemas have one
 * (`activities.activityTypes\\[\\b(...)\\b]`), which would make every validation throw.
 */
export function unicodeSafePattern(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else if (c === '[' && !inClass) {
      inClass = true;
      out += c;
    } else if (c === ']') {
      out += inClass ? c : '\\]';
      inClass = false;
    } else {
      out += c;
    }
  }
  return out;
}

function withUnicodeSafePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withUnicodeSafePatterns);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') out[key] = unicodeSafePattern(value);
    else if (key === 'patternProperties' && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([p, v]) => [unicodeSafePattern(p), withUnicodeSafePatterns(v)]));
    } else out[key] = withUnicodeSafePatterns(value);
  }
  return out;
}

/** Schema validation errors of a manifest or localization file; empty when valid. */
export async function schemaErrors(document: Record<string, unknown>, label: string): Promise<string[]> {
  const schema = bundledSchema(document.$schema);
  const errors = await AppManifestUtils.validateAgainstSchema(document as never, schema as never);
  return errors.map((e) => `${label}: ${e.trim()}`);
}

/** `a.b[0].c` paths of every string in a JSON value. */
function stringPaths(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (Array.isArray(value)) value.forEach((v, i) => stringPaths(v, `${prefix}[${i}]`).forEach((s, p) => out.set(p, s)));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      stringPaths(v, prefix ? `${prefix}.${k}` : k).forEach((s, p) => out.set(p, s));
    }
  }
  return out;
}

/**
 * The manifest strings a localization file can translate, as its keys
 * (`name.short`, `bots[0].commandLists[0].commands[2].title`, ...), taken from the
 * localization schema's property names and patterns so the list follows the schema.
 */
export function localizableKeys(manifest: Record<string, unknown>, localizationSchema: JsonSchema): string[] {
  const named = Object.keys((localizationSchema.properties as Record<string, unknown>) ?? {}).filter(
    (k) => k !== '$schema' && k !== 'localizationKeys',
  );
  const patterns = Object.keys((localizationSchema.patternProperties as Record<string, unknown>) ?? {}).map((p) => new RegExp(p));
  return [...stringPaths(manifest).keys()].filter((p) => named.includes(p) || patterns.some((re) => re.test(p)));
}

export interface IconProblemOptions {
  file: string;
  width: number;
  height: number;
  /** Outline icons: every pixel white or fully transparent. */
  whiteOnTransparent?: boolean;
}

export function iconProblems(png: Buffer, options: IconProblemOptions): string[] {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    return [`${options.file} is not a readable PNG (${(error as Error).message})`];
  }
  const problems: string[] = [];
  if (image.width !== options.width || image.height !== options.height) {
    problems.push(`${options.file} is ${image.width}x${image.height}, expected ${options.width}x${options.height}`);
  }
  if (options.whiteOnTransparent) {
    let offending = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      const [r, g, b, a] = [image.data[i], image.data[i + 1], image.data[i + 2], image.data[i + 3]];
      if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) offending++;
    }
    if (offending > 0) problems.push(`${options.file} has ${offending} pixels that are neither white nor transparent`);
    if (image.data.every((v, i) => i % 4 !== 3 || v === 0)) problems.push(`${options.file} is fully transparent`);
  }
  return problems;
}

export interface BuildOptions {
  envName: string;
  /** Placeholder values; defaults to loadEnvironment(envName). */
  values?: Record<string, string>;
  sourceDir?: string;
  outDir?: string;
}

export interface BuildResult {
  zipPath: string;
  files: string[];
  manifest: Record<string, unknown>;
}

function parseJson(text: string, label: string, problems: string[]): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    problems.push(`${label} is not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
}

/** Fills, validates and zips the package; throws AppPackageError listing every problem. */
export async function buildAppPackage(options: BuildOptions): Promise<BuildResult> {
  const sourceDir = options.sourceDir ?? APP_PACKAGE_DIR;
  const outDir = options.outDir ?? path.join(ROOT_DIR, 'build');
  const values = options.values ?? loadEnvironment(options.envName);
  const problems: string[] = [];

  const manifestTemplate = fs.readFileSync(path.join(sourceDir, 'manifest.json'), 'utf8');
  const filledManifest = fillPlaceholders(manifestTemplate, values);
  for (const name of filledManifest.missing) {
    problems.push(`manifest.json uses \${{${name}}} but ${name} has no value: set it in env/.env.${options.envName} or in the environment`);
  }
  const manifest = parseJson(filledManifest.text, 'manifest.json', problems);
  if (!manifest) throw new AppPackageError(problems);
  if (filledManifest.missing.length === 0) problems.push(...(await schemaErrors(manifest, 'manifest.json')));

  const files: Record<string, Buffer> = { 'manifest.json': Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) };
  const addFile = (relative: unknown, what: string): string | undefined => {
    if (typeof relative !== 'string') return undefined;
    const full = path.resolve(sourceDir, relative);
    if (path.dirname(full) !== path.resolve(sourceDir)) {
      problems.push(`${what} "${relative}" must be a file directly in appPackage/`);
      return undefined;
    }
    if (!fs.existsSync(full)) {
      problems.push(`${what} "${relative}" does not exist in appPackage/`);
      return undefined;
    }
    files[relative] = fs.readFileSync(full);
    return relative;
  };

  const icons = (manifest.icons ?? {}) as Record<string, unknown>;
  const color = addFile(icons.color, 'icons.color');
  if (color) problems.push(...iconProblems(files[color], { file: color, width: 192, height: 192 }));
  const outline = addFile(icons.outline, 'icons.outline');
  if (outline) problems.push(...iconProblems(files[outline], { file: outline, width: 32, height: 32, whiteOnTransparent: true }));

  const localization = (manifest.localizationInfo ?? {}) as {
    defaultLanguageFile?: string;
    additionalLanguages?: { languageTag: string; file: string }[];
  };
  const languageFiles = [localization.defaultLanguageFile, ...(localization.additionalLanguages ?? []).map((l) => l.file)];
  for (const file of languageFiles) {
    if (!addFile(file, 'localization file')) continue;
    const filled = fillPlaceholders(files[file!].toString('utf8'), values);
    for (const name of filled.missing) problems.push(`${file} uses \${{${name}}} but ${name} has no value`);
    const strings = parseJson(filled.text, file!, problems);
    if (!strings || filled.missing.length > 0) continue;
    files[file!] = Buffer.from(`${JSON.stringify(strings, null, 2)}\n`);
    const errors = await schemaErrors(strings, file!);
    problems.push(...errors);
    if (errors.length === 0) {
      const expected = localizableKeys(manifest, bundledSchema(strings.$schema));
      const present = Object.keys(strings).filter((k) => k !== '$schema');
      for (const key of expected.filter((k) => !present.includes(k))) problems.push(`${file} has no translation for "${key}"`);
      for (const key of present.filter((k) => !expected.includes(k))) {
        problems.push(`${file} translates "${key}", which the manifest does not have`);
      }
    }
  }

  if (problems.length > 0) throw new AppPackageError(problems);

  // A fixed timestamp keeps the zip byte-for-byte reproducible.
  const mtime = new Date('2020-01-01T00:00:00Z');
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [new Uint8Array(data), { mtime }]])));
  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.envName}.zip`);
  fs.writeFileSync(zipPath, zip);
  return { zipPath, files: Object.keys(files), manifest };
}
