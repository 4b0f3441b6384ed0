import { appSettingNames, bicepOutputs, bicepParams, bicepResources, readBicep, withoutComments } from './bicep';

const bicep = readBicep();
const resources = bicepResources(bicep);
const resource = (type: string) => {
  const found = resources.filter((r) => r.type === type);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('infra/azure.bicep', () => {
  it('declares the expected resources with published API versions', () => {
    expect(Object.fromEntries(resources.map((r) => [r.type, r.apiVersion]))).toEqual({
      'Microsoft.ManagedIdentity/userAssignedIdentities': '2023-01-31',
      'Microsoft.Storage/storageAccounts': '2023-05-01',
      'Microsoft.Authorization/roleAssignments': '2022-04-01',
      'Microsoft.OperationalInsights/workspaces': '2023-09-01',
      'Microsoft.Insights/components': '2020-02-02',
      'Microsoft.Web/serverfarms': '2024-04-01',
      'Microsoft.Web/sites': '2024-04-01',
      'Microsoft.BotService/botServices': '2022-09-15',
      'Microsoft.BotService/botServices/channels': '2022-09-15',
    });
  });

  it('runs a Linux Node 20 LTS App Service, https only, TLS 1.2, health-checked on /healthz', () => {
    expect(resource('Microsoft.Web/serverfarms').body).toMatch(/reserved: true/);
    const site = resource('Microsoft.Web/sites').body;
    expect(site).toMatch(/kind: 'app,linux'/);
    expect(site).toMatch(/linuxFxVersion: 'NODE\|20-lts'/);
    expect(site).toMatch(/httpsOnly: true/);
    expect(site).toMatch(/minTlsVersion: '1\.2'/);
    expect(site).toMatch(/healthCheckPath: '\/healthz'/);
    expect(site).toMatch(/alwaysOn: true/);
    expect(site).toMatch(/type: 'UserAssigned'\s+userAssignedIdentities: \{\s+'\$\{identity\.id\}': \{\}/);
  });

  it('keeps the storage reachable only with Entra identities, over TLS 1.2', () => {
    const storage = resource('Microsoft.Storage/storageAccounts').body;
    expect(storage).toMatch(/allowSharedKeyAccess: false/);
    expect(storage).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(storage).toMatch(/supportsHttpsTrafficOnly: true/);
    expect(storage).toMatch(/allowBlobPublicAccess: false/);
  });

  it('grants the managed identity "Storage Table Data Contributor" on the storage account', () => {
    expect(withoutComments(bicep)).toMatch(/var storageTableDataContributorRoleId = '0a9a7e1f-b9d0-4cc4-a60d-0319b160d3a3'/);
    const assignment = resource('Microsoft.Authorization/roleAssignments').body;
    expect(assignment).toMatch(/scope: storage\n/);
    expect(assignment).toMatch(/roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', storageTableDataContributorRoleId\)/);
    expect(assignment).toMatch(/principalId: identity\.properties\.principalId/);
    expect(assignment).toMatch(/principalType: 'ServicePrincipal'/);
  });

  it('registers the bot with the managed identity as its app, and enables Teams', () => {
    const bot = resource('Microsoft.BotService/botServices').body;
    expect(bot).toMatch(/msaAppType: 'UserAssignedMSI'/);
    expect(bot).toMatch(/msaAppId: identity\.properties\.clientId/);
    expect(bot).toMatch(/msaAppMSIResourceId: identity\.id/);
    expect(bot).toMatch(/msaAppTenantId: identity\.properties\.tenantId/);
    expect(bot).toMatch(/endpoint: 'https:\/\/\$\{webApp\.properties\.defaultHostName\}\/api\/messages'/);
    const channel = resource('Microsoft.BotService/botServices/channels').body;
    expect(channel).toMatch(/parent: bot/);
    expect(channel).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(channel).toMatch(/isEnabled: true/);
  });

  it('gives the app the managed identity as its bot identity and storage endpoint', () => {
    const site = resource('Microsoft.Web/sites').body;
    const setting = (name: string) => new RegExp(`name: '${name}'\\s+value: ([^\\n]+)`).exec(site)?.[1];
    expect(setting('BOT_ID')).toBe('identity.properties.clientId');
    expect(setting('BOT_TYPE')).toBe("'UserAssignedMSI'");
    expect(setting('BOT_TENANT_ID')).toBe('identity.properties.tenantId');
    expect(setting('STORAGE_ACCOUNT_URL')).toBe('storage.properties.primaryEndpoints.table');
  });

  it('uses every parameter and variable it declares, and declares every one it uses', () => {
    const source = withoutComments(bicep);
    const declared = [...bicepParams(bicep).map((p) => p.name), ...[...source.matchAll(/^var\s+(\w+)/gm)].map((m) => m[1])];
    for (const name of declared) {
      const uses = source.match(new RegExp(`\\b${name}\\b`, 'g'))!.length;
      expect({ name, used: uses > 1 }).toEqual({ name, used: true });
    }
    const symbols = new Set([...declared, ...resources.map((r) => r.symbol)]);
    const referenced = [...source.matchAll(/\$\{(\w+)\b(?!\s*\()|(?:^|[\s(,!?:])(\w+)\.(?:id|name|properties)\b/gm)].map((m) => m[1] ?? m[2]);
    for (const name of referenced) expect({ name, declared: symbols.has(name) }).toEqual({ name, declared: true });
  });

  it('has balanced braces, brackets and parentheses', () => {
    const source = withoutComments(bicep).replace(/'(?:[^'\\]|\\.)*'/g, "''");
    const stack: string[] = [];
    const pairs: Record<string, string> = { '}': '{', ']': '[', ')': '(' };
    for (const c of source) {
      if ('{[('.includes(c)) stack.push(c);
      else if (c in pairs) expect(stack.pop()).toBe(pairs[c]);
    }
    expect(stack).toEqual([]);
  });

  it('outputs what Agents Toolkit writes back to env/.env.<env>', () => {
    expect(bicepOutputs(bicep)).toEqual(
      expect.arrayContaining(['AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_ID', 'BOT_DOMAIN', 'BOT_TENANT_ID', 'STORAGE_ACCOUNT_URL']),
    );
  });

  it('sets each app setting once', () => {
    const names = appSettingNames(bicep);
    expect(names.length).toBeGreaterThan(5);
    expect(new Set(names).size).toBe(names.length);
  });
});
