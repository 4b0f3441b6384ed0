import fs from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, configSchema } from '../../src/config';
import { appSettingNames, readBicep } from './bicep';

/**
 * Settings the app reads that the Azure template leaves unset on purpose. Each one needs a
 * reason; anything else the config schema reads must be an app setting of infra/azure.bicep.
 */
const NOT_SET_IN_AZURE: Record<string, string> = {
  PORT: 'App Service sets PORT itself and routes to it',
  BOT_PASSWORD: 'the bot authenticates with its managed identity (BOT_TYPE=UserAssignedMSI): no secret',
  STORAGE_CONNECTION_STRING: 'local only: the storage account refuses shared keys, the app uses STORAGE_ACCOUNT_URL with its identity',
  DATA_DIR: 'local only: where embedded Azurite keeps data when no storage is configured',
  DIRECTORY_FILE: 'local only: a JSON stand-in for Microsoft Graph on a developer machine',
};

/** App Service and deployment settings that are not the app's configuration. */
const PLATFORM_SETTINGS = ['NODE_ENV', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'WEBSITE_RUN_FROM_PACKAGE'];

const bicep = readBicep();
const settings = appSettingNames(bicep);
const shape = configSchema.innerType().shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;

describe('App Service settings in infra/azure.bicep', () => {
  it('set every variable the config schema reads, except the listed local-only ones', () => {
    const missing = CONFIG_KEYS.filter((key) => !settings.includes(key) && !(key in NOT_SET_IN_AZURE));
    expect(missing).toEqual([]);
  });

  it('leave the listed exceptions unset, and list only variables the app reads', () => {
    for (const key of Object.keys(NOT_SET_IN_AZURE)) {
      expect({ key, read: (CONFIG_KEYS as string[]).includes(key), set: settings.includes(key) }).toEqual({ key, read: true, set: false });
    }
  });

  it('hold nothing the app does not read, apart from platform settings', () => {
    const unknown = settings.filter((name) => !(CONFIG_KEYS as string[]).includes(name) && !PLATFORM_SETTINGS.includes(name));
    expect(unknown).toEqual([]);
  });

  it('give literal values the config schema accepts', () => {
    const site = /resource webApp[\s\S]*?\n}\n/.exec(bicep)![0];
    const literals = [...site.matchAll(/name: '([A-Z0-9_]+)'\s+value: '([^']*)'/g)].filter(([, name]) => name in shape);
    expect(literals.map(([, name]) => name)).toContain('BOT_TYPE');
    for (const [, name, value] of literals) expect({ name, value, valid: shape[name].safeParse(value).success }).toEqual({ name, value, valid: true });
  });

  it('match the parameters Agents Toolkit passes for the app settings', () => {
    // The admin, scope, rate and tenant settings come from env/.env.<env> through azure.parameters.json.
    const parameters = fs.readFileSync(path.join(__dirname, '..', '..', 'infra', 'azure.parameters.json'), 'utf8');
    for (const name of ['ADMIN_AAD_OBJECT_IDS', 'INTEGRATION_DEFAULT', 'ANNOUNCE_RATE_PER_SEC', 'ALLOWED_TENANT_IDS']) {
      expect(parameters).toContain(`\${{${name}}}`);
    }
  });

  it('are all documented in .env.example', () => {
    const example = fs.readFileSync(path.join(__dirname, '..', '..', '.env.example'), 'utf8');
    for (const key of CONFIG_KEYS) expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
  });
});
