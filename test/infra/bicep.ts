/**
 * Just enough Bicep reading for the tests of infra/azure.bicep: no Bicep compiler can run
 * where the tests run, so parameters, outputs, resources and app settings are read from the
 * source text, whose layout (one declaration per line, `name:` / `value:` pairs) the template keeps.
 */
import fs from 'node:fs';
import path from 'node:path';

export const BICEP_FILE = path.join(__dirname, '..', '..', 'infra', 'azure.bicep');

export const readBicep = (file = BICEP_FILE): string => fs.readFileSync(file, 'utf8');

/** Source without `//` comments (none of the template's strings contains `//` before a quote closes). */
export function withoutComments(bicep: string): string {
  return bicep
    .split('\n')
    .map((line) => line.replace(/(^|[^:'])\/\/.*$/, '$1'))
    .join('\n');
}

export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}

export function bicepParams(bicep: string): BicepParam[] {
  return [...withoutComments(bicep).matchAll(/^param\s+(\w+)\s+(\w+)(\s*=)?/gm)].map((m) => ({ name: m[1], type: m[2], hasDefault: !!m[3] }));
}

export function bicepOutputs(bicep: string): string[] {
  return [...withoutComments(bicep).matchAll(/^output\s+(\w+)\s/gm)].map((m) => m[1]);
}

export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  /** The resource body, from its opening brace to the matching closing one. */
  body: string;
}

export function bicepResources(bicep: string): BicepResource[] {
  const source = withoutComments(bicep);
  return [...source.matchAll(/^resource\s+(\w+)\s+'([\w./]+)@([\w-]+)'\s*=\s*(?:if\s*\([^)]*\)\s*)?\{/gm)].map((m) => {
    const start = m.index! + m[0].length - 1;
    let depth = 0;
    let end = start;
    for (; end < source.length; end++) {
      if (source[end] === '{') depth++;
      if (source[end] === '}' && --depth === 0) break;
    }
    return { symbol: m[1], type: m[2], apiVersion: m[3], body: source.slice(start, end + 1) };
  });
}

/** The `name: 'X'` entries of the web app's siteConfig.appSettings array. */
export function appSettingNames(bicep: string): string[] {
  const site = bicepResources(bicep).find((r) => r.type === 'Microsoft.Web/sites');
  if (!site) throw new Error('infra/azure.bicep has no Microsoft.Web/sites resource');
  const settings = /appSettings:\s*\[([\s\S]*?)\n\s*\]/.exec(site.body);
  if (!settings) throw new Error('the web app has no siteConfig.appSettings');
  return [...settings[1].matchAll(/^\s*name:\s*'([A-Z0-9_]+)'/gm)].map((m) => m[1]);
}
