import fs from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parse as parseYaml } from 'yaml';
import { ROOT_DIR, fillPlaceholders, placeholdersIn } from '../../scripts/app-package';
import { bicepOutputs, bicepParams, readBicep } from './bicep';

interface Step {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface ProjectFile {
  version: string;
  environmentFolderPath?: string;
  provision?: Step[];
  deploy?: Step[];
  publish?: Step[];
}

const readText = (relative: string): string => fs.readFileSync(path.join(ROOT_DIR, relative), 'utf8');
const project = (file: string): ProjectFile => parseYaml(readText(file)) as ProjectFile;
const packageScripts = (JSON.parse(readText('package.json')) as { scripts: Record<string, string> }).scripts;

describe('infra/azure.parameters.json', () => {
  const bicep = readBicep();
  const params = bicepParams(bicep);

  it('becomes valid JSON once filled from env/.env.dev, and sets only declared parameters', () => {
    // As Agents Toolkit does: a variable defined empty in the env file is an empty string.
    const values = { ...parseDotenv(fs.readFileSync(path.join(ROOT_DIR, 'env', '.env.dev'))), TEAMSFX_ENV: 'dev', RESOURCE_SUFFIX: 'x1' };
    const { text, missing } = fillPlaceholders(readText('infra/azure.parameters.json'), values, { allowEmpty: true });
    expect(missing).toEqual([]);
    const parameters = (JSON.parse(text) as { parameters: Record<string, { value: unknown }> }).parameters;
    const declared = new Set(params.map((p) => p.name));
    expect(Object.keys(parameters).filter((name) => !declared.has(name))).toEqual([]);
    // Every parameter without a default gets a value.
    for (const param of params.filter((p) => !p.hasDefault)) expect(parameters).toHaveProperty(param.name);
    // Typed values: ints and bools are not quoted.
    for (const [name, { value }] of Object.entries(parameters)) {
      const type = params.find((p) => p.name === name)!.type;
      expect({ name, type: typeof value }).toEqual({ name, type: type === 'int' ? 'number' : type === 'bool' ? 'boolean' : 'string' });
    }
  });

  it('lists every placeholder it uses in env/.env.dev', () => {
    const env = fs.readFileSync(path.join(ROOT_DIR, 'env', '.env.dev'), 'utf8');
    for (const name of placeholdersIn(readText('infra/azure.parameters.json'))) expect(env).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});

describe('m365agents.yml', () => {
  const file = project('m365agents.yml');
  const uses = (steps: Step[] = []): string[] => steps.map((s) => s.uses);

  it('is on the current project file schema, named in its yaml-language-server comment', () => {
    const schemaComment = /^# yaml-language-server: \$schema=https:\/\/aka\.ms\/m365-agents-toolkits\/(v[0-9.]+)\/yaml\.schema\.json$/m.exec(
      readText('m365agents.yml'),
    );
    expect(schemaComment?.[1]).toBe(file.version);
    expect(file.version).toBe('v1.14');
    for (const other of ['m365agents.local.yml', 'm365agents.playground.yml']) expect(project(other).version).toBe(file.version);
  });

  it('provisions the Teams app and the Azure resources, then validates, zips and updates the app', () => {
    expect(uses(file.provision)).toEqual([
      'teamsApp/create',
      'arm/deploy',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    const arm = file.provision!.find((s) => s.uses === 'arm/deploy')!;
    const [template] = arm.with!.templates as { path: string; parameters: string }[];
    expect(fs.existsSync(path.join(ROOT_DIR, template.path))).toBe(true);
    expect(fs.existsSync(path.join(ROOT_DIR, template.parameters))).toBe(true);
    const manifestPaths = file.provision!.filter((s) => s.with?.manifestPath).map((s) => s.with!.manifestPath as string);
    for (const manifest of manifestPaths) expect(fs.existsSync(path.join(ROOT_DIR, manifest))).toBe(true);
  });

  it('deploys by installing, building and zip-deploying to the App Service the template creates', () => {
    expect(uses(file.deploy)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
    const npmArgs = file.deploy!.filter((s) => s.uses === 'cli/runNpmCommand').map((s) => s.with!.args as string);
    expect(npmArgs[0]).toMatch(/^(ci|install)\b/);
    // Every `npm run X` names a script of package.json.
    for (const args of npmArgs.filter((a) => a.startsWith('run '))) expect(packageScripts).toHaveProperty(args.split(' ')[1]);
    expect(npmArgs).toContain('run build');
    const zipDeploy = file.deploy!.at(-1)!;
    expect(zipDeploy.with!.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(bicepOutputs(readBicep())).toContain('AZURE_APP_SERVICE_RESOURCE_ID');
  });

  it('publishes the app package to the organization', () => {
    expect(uses(file.publish)).toEqual(expect.arrayContaining(['teamsApp/zipAppPackage', 'teamsApp/update', 'teamsApp/publishAppPackage']));
  });

  it('uses only variables that env/.env.dev defines or that an earlier step writes', () => {
    const env = fs.readFileSync(path.join(ROOT_DIR, 'env', '.env.dev'), 'utf8');
    const written = new Set([
      ...[...(file.provision ?? []), ...(file.deploy ?? []), ...(file.publish ?? [])].flatMap((s) => Object.values(s.writeToEnvironmentFile ?? {})),
      ...bicepOutputs(readBicep()),
    ]);
    for (const name of placeholdersIn(readText('m365agents.yml'))) {
      expect({ name, known: new RegExp(`^${name}=`, 'm').test(env) || written.has(name) }).toEqual({ name, known: true });
    }
  });
});

describe('m365agents.local.yml', () => {
  it('registers a bot for a dev tunnel and writes the settings the local run reads', () => {
    const local = project('m365agents.local.yml');
    expect(local.provision!.map((s) => s.uses)).toEqual(
      expect.arrayContaining(['teamsApp/create', 'aadApp/create', 'botFramework/create', 'teamsApp/update']),
    );
    const settings = local.deploy!.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!.with!;
    expect(settings.target).toBe('./.localConfigs');
    expect(Object.keys(settings.envs as object)).toEqual(expect.arrayContaining(['BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID']));
    expect(fs.readFileSync(path.join(ROOT_DIR, '.gitignore'), 'utf8')).toMatch(/^\.localConfigs\*$/m);
  });
});
