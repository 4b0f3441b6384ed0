import { DefaultAzureCredential, ManagedIdentityCredential } from '@azure/identity';
import { ManagedIdentityServiceClientCredentialsFactory, type AppCredentials } from 'botframework-connector';
import { botCredentialsFactory, storageCredential } from '../../src/azure/credentials';
import { createAdapter } from '../../src/bot/adapter';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { ManagedIdentityStub } from '../harness/managedIdentityStub';
import { OpenIdStub } from '../harness/openIdStub';
import { TestBot } from '../harness/testBot';
import { message, newUser } from '../harness/activities';

const BOT_ID = '3c5a8f1e-7b2d-4e6f-9a1c-0d2e4f6a8b0c';
const TENANT_ID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const msiConfig = () =>
  loadConfig({ BOT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID, STORAGE_ACCOUNT_URL: 'https://stlica.table.core.windows.net/' });

describe('managed identity credentials (BOT_TYPE=UserAssignedMSI)', () => {
  let identity: ManagedIdentityStub;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    identity = await new ManagedIdentityStub().start();
    // What App Service sets for an app with a managed identity.
    for (const [k, v] of Object.entries(identity.environment)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await identity.stop();
  });
  beforeEach(() => identity.requests.splice(0));

  it('gives botbuilder a managed identity factory for the bot id only', async () => {
    const factory = botCredentialsFactory(msiConfig());
    expect(factory).toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
    expect(await factory!.isValidAppId(BOT_ID)).toBe(true);
    expect(await factory!.isValidAppId('00000000-0000-0000-0000-000000000000')).toBe(false);
    expect(await factory!.isAuthenticationDisabled()).toBe(false);
  });

  it('gets Bot Framework tokens from the managed identity, with the bot id as client id', async () => {
    const factory = botCredentialsFactory(msiConfig())!;
    // The credentials botbuilder signs outgoing Bot Connector requests with.
    const credentials = (await factory.createCredentials(
      BOT_ID,
      'https://api.botframework.com',
      'https://login.microsoftonline.com/botframework.com',
      true,
    )) as AppCredentials;
    const token = await credentials.getToken();
    expect(token).toBe(identity.tokenFor('https://api.botframework.com', BOT_ID));
    expect(identity.requests).toEqual([{ resource: 'https://api.botframework.com', clientId: BOT_ID, identityHeader: identity.identityHeader }]);
  });

  it('reaches the tables with the same managed identity', async () => {
    const credential = storageCredential(msiConfig());
    expect(credential).toBeInstanceOf(ManagedIdentityCredential);
    const token = await credential.getToken('https://storage.azure.com/.default');
    expect(token?.token).toBe(identity.tokenFor('https://storage.azure.com', BOT_ID));
    expect(identity.requests.map((r) => r.clientId)).toEqual([BOT_ID]);
  });

  it('wires the managed identity factory into the adapter', () => {
    const adapter = createAdapter(msiConfig(), createLogger('silent'));
    expect(adapter.credentialsFactory).toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
  });

  it('answers a Teams message end to end: token checked, reply sent with a managed identity token', async () => {
    const openId = await new OpenIdStub().start();
    const bot = await TestBot.start({
      env: { BOT_ID, BOT_TYPE: 'UserAssignedMSI', BOT_TENANT_ID: TENANT_ID },
      openIdMetadataUrl: openId.metadataUrl,
    });
    try {
      const user = newUser();
      const token = openId.token(BOT_ID, { serviceUrl: bot.serviceUrl });
      const res = await bot.post(message(user, bot.serviceUrl, 'help'), { authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      const [reply] = await bot.connector.waitForActivities(user.conversationId, 1);
      expect(reply.type).toBe('message');
      const call = bot.connector.calls.find((c) => c.conversationId === user.conversationId)!;
      expect(call.authorization).toBe(`Bearer ${identity.tokenFor('https://api.botframework.com', BOT_ID)}`);
      expect(identity.requests.every((r) => r.clientId === BOT_ID)).toBe(true);
    } finally {
      await bot.stop();
      await openId.stop();
    }
  });
});

describe('other bot types', () => {
  it('leave botbuilder its own password-based factory', () => {
    const config = loadConfig({ BOT_ID, BOT_PASSWORD: 'secret', BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: TENANT_ID });
    expect(botCredentialsFactory(config)).toBeUndefined();
    expect(createAdapter(config, createLogger('silent')).credentialsFactory).not.toBeInstanceOf(ManagedIdentityServiceClientCredentialsFactory);
    expect(botCredentialsFactory(loadConfig({}))).toBeUndefined();
  });

  it('reach a storage account URL with DefaultAzureCredential (az login on a developer machine)', () => {
    const config = loadConfig({ STORAGE_ACCOUNT_URL: 'https://stlica.table.core.windows.net/' });
    expect(storageCredential(config)).toBeInstanceOf(DefaultAzureCredential);
  });
});
