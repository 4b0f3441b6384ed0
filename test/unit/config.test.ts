import { CONFIG_KEYS, ConfigError, loadConfig } from '../../src/config';

const ADMIN = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('loadConfig', () => {
  test('defaults: port 3978, embedded storage in .data, scope all, 30 sends/s, no-auth local mode', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      noAuthLocalMode: true,
      storage: { kind: 'embedded', dataDir: '.data' },
      integrationDefault: 'all',
      announceRatePerSec: 30,
      adminAadObjectIds: [],
      allowedTenantIds: [],
    });
  });

  test('parses every variable and freezes the result', () => {
    const config = loadConfig({
      PORT: '8080',
      BOT_ID: 'b0b0b0b0-1111-2222-3333-444444444444',
      BOT_PASSWORD: 'secret',
      BOT_TYPE: 'SingleTenant',
      BOT_TENANT_ID: 't1',
      STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      ADMIN_AAD_OBJECT_IDS: ` ${ADMIN.toUpperCase()} , ${ADMIN.replace('3301', '3302')}`,
      DIRECTORY_FILE: 'dir.json',
      INTEGRATION_DEFAULT: 'off',
      ANNOUNCE_RATE_PER_SEC: '12.5',
      ALLOWED_TENANT_IDS: ADMIN,
    });
    expect(config.port).toBe(8080);
    expect(config.noAuthLocalMode).toBe(false);
    expect(config.bot).toEqual({ appId: 'b0b0b0b0-1111-2222-3333-444444444444', appPassword: 'secret', appType: 'SingleTenant', tenantId: 't1' });
    expect(config.storage).toEqual({ kind: 'connectionString', connectionString: 'UseDevelopmentStorage=true' });
    expect(config.adminAadObjectIds).toEqual([ADMIN, ADMIN.replace('3301', '3302')]);
    expect(config.integrationDefault).toBe('off');
    expect(config.announceRatePerSec).toBe(12.5);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.adminAadObjectIds)).toBe(true);
    expect(() => {
      (config as { port: number }).port = 1;
    }).toThrow();
  });

  test('STORAGE_ACCOUNT_URL selects managed identity storage when there is no connection string', () => {
    expect(loadConfig({ STORAGE_ACCOUNT_URL: 'https://acct.table.core.windows.net' }).storage).toEqual({
      kind: 'accountUrl',
      accountUrl: 'https://acct.table.core.windows.net',
    });
  });

  test.each([
    [{ PORT: 'eighty' }, /^Invalid configuration: PORT /],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ INTEGRATION_DEFAULT: 'some' }, /^Invalid configuration: INTEGRATION_DEFAULT /],
    [{ ANNOUNCE_RATE_PER_SEC: '0' }, /^Invalid configuration: ANNOUNCE_RATE_PER_SEC /],
    [{ ANNOUNCE_LEASE_SECONDS: '0' }, /^Invalid configuration: ANNOUNCE_LEASE_SECONDS /],
    [{ ADMIN_AAD_OBJECT_IDS: 'alice@contoso.com' }, /^Invalid configuration: ADMIN_AAD_OBJECT_IDS must be GUIDs/],
    [{ ALLOWED_TENANT_IDS: 'contoso' }, /^Invalid configuration: ALLOWED_TENANT_IDS /],
    [{ BOT_TYPE: 'Anonymous' }, /^Invalid configuration: BOT_TYPE /],
    [{ BOT_ID: 'b0b0b0b0-1111-2222-3333-444444444444' }, /^Invalid configuration: BOT_PASSWORD is required/],
    [{ BOT_ID: 'x', BOT_TYPE: 'UserAssignedMSI' }, /^Invalid configuration: BOT_TENANT_ID is required/],
    [{ STORAGE_ACCOUNT_URL: 'not a url' }, /^Invalid configuration: STORAGE_ACCOUNT_URL must be a URL/],
  ])('%j stops start-up with one clear line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  test('empty values count as unset', () => {
    const config = loadConfig({ BOT_ID: '', BOT_TYPE: '', PORT: '', INTEGRATION_DEFAULT: ' ', ANNOUNCE_RATE_PER_SEC: '' });
    expect(config).toMatchObject({ noAuthLocalMode: true, port: 3978, integrationDefault: 'all', announceRatePerSec: 30, announceLeaseSeconds: 30 });
  });

  test('CONFIG_KEYS lists every variable of the product contract', () => {
    for (const key of ['PORT', 'BOT_ID', 'BOT_PASSWORD', 'BOT_TYPE', 'BOT_TENANT_ID', 'STORAGE_CONNECTION_STRING', 'STORAGE_ACCOUNT_URL', 'ADMIN_AAD_OBJECT_IDS', 'DIRECTORY_FILE', 'INTEGRATION_DEFAULT', 'ANNOUNCE_RATE_PER_SEC', 'ALLOWED_TENANT_IDS']) {
      expect(CONFIG_KEYS).toContain(key);
    }
  });
});
