import { TestBot } from '../harness/testBot';
import { botInstalled, message, newUser } from '../harness/activities';
import { MAX_BODY_BYTES } from '../../src/http/server';
import { OpenIdStub } from '../harness/openIdStub';

describe('HTTP surface', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(() => bot.stop());

  test('GET /healthz is 200 and /readyz is 200 while storage answers', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
  });

  test('malformed JSON gets 400 without an error-level log', async () => {
    const res = await bot.post('{"type": "message", ');
    expect(res.status).toBe(400);
    expect(bot.logs.atLevel(50)).toEqual([]);
  });

  test('a body over the limit gets 413', async () => {
    const user = newUser();
    const huge = message(user, bot.serviceUrl, 'x'.repeat(MAX_BODY_BYTES + 10));
    const res = await bot.post(huge);
    expect(res.status).toBe(413);
    expect(bot.connector.calls).toHaveLength(0);
  });

  test.each([
    ['no conversation', (a: Record<string, unknown>) => ({ ...a, conversation: undefined })],
    ['no serviceUrl', (a: Record<string, unknown>) => ({ ...a, serviceUrl: undefined })],
    ['a serviceUrl that is not http(s)', (a: Record<string, unknown>) => ({ ...a, serviceUrl: 'file:///etc/passwd' })],
    ['no type', (a: Record<string, unknown>) => ({ ...a, type: undefined })],
    ['an array body', () => [1, 2]],
  ])('an activity with %s gets 400', async (_label, mutate) => {
    const user = newUser();
    const res = await bot.post(mutate(message(user, bot.serviceUrl, 'help')));
    expect(res.status).toBe(400);
    expect(bot.logs.atLevel(50)).toEqual([]);
  });

  test('a non-JSON content type gets 415', async () => {
    const res = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'help' });
    expect(res.status).toBe(415);
  });

  test('no-auth local mode listens on loopback only and says so', () => {
    expect(bot.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(bot.logs.atLevel(40).some((l) => String(l.msg).includes('no-auth local mode'))).toBe(true);
  });

  test('a message with no text (an attachment) gets a polite answer', async () => {
    const user = newUser();
    const activity = { ...message(user, bot.serviceUrl, ''), text: undefined };
    await bot.post(activity);
    const [reply] = bot.connector.activities(user.conversationId);
    expect(reply.text).toContain('only read text messages');
  });

  test('a message with no Entra identity gets a polite answer and nothing else', async () => {
    const user = newUser();
    const activity = message(user, bot.serviceUrl, 'connect');
    (activity.from as Record<string, unknown>).aadObjectId = undefined;
    expect((await bot.post(activity)).status).toBe(200);
    const replies = bot.connector.activities(user.conversationId);
    expect(replies).toHaveLength(1);
    expect(replies[0].text).toContain('work or school account');
  });
});

describe('authentication with BOT_ID set', () => {
  const botId = '0b5a2d7e-8d3c-4b8e-9a43-2f1d3c4e5f60';
  let bot: TestBot;
  let openId: OpenIdStub;
  beforeAll(async () => {
    openId = await new OpenIdStub().start();
    bot = await TestBot.start({
      env: { BOT_ID: botId, BOT_PASSWORD: 'not-a-real-secret', BOT_TYPE: 'MultiTenant' },
      openIdMetadataUrl: openId.metadataUrl,
    });
  });
  afterAll(async () => {
    await bot.stop();
    await openId.stop();
  });

  test('a request without a token gets 401 and nothing is sent', async () => {
    const user = newUser();
    const res = await bot.post(message(user, bot.serviceUrl, 'help'));
    expect(res.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
  });

  test.each([
    ['signed with another key', { forged: true }],
    ['naming an unknown key', { kid: 'unknown-key' }],
  ])('a token %s gets 401 and nothing is sent', async (_label, options) => {
    const user = newUser();
    const token = openId.token(botId, { ...options, serviceUrl: bot.serviceUrl });
    const res = await bot.post(message(user, bot.serviceUrl, 'help'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
  });

  test('neither the bot password nor tokens reach the logs', async () => {
    const user = newUser();
    const token = openId.token(botId, { serviceUrl: bot.serviceUrl, forged: true });
    await bot.post(message(user, bot.serviceUrl, 'help'), { authorization: `Bearer ${token}` });
    const logged = JSON.stringify(bot.logs.lines);
    expect(logged).not.toContain('not-a-real-secret');
    expect(logged).not.toContain(token.split('.')[2]);
  });

  test('a token for another bot gets 401', async () => {
    const user = newUser();
    const token = openId.token('99999999-8d3c-4b8e-9a43-2f1d3c4e5f60', { serviceUrl: bot.serviceUrl });
    const res = await bot.post(message(user, bot.serviceUrl, 'help'), { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  test('a genuine token passes validation: the same activity is accepted', async () => {
    // An activity that needs no reply, since replying would need a token from Entra, which this
    // offline machine cannot reach.
    const user = newUser();
    const someoneJoined = { ...botInstalled(user, bot.serviceUrl), membersAdded: [{ id: '29:someone-else' }] };
    const token = openId.token(botId, { serviceUrl: bot.serviceUrl });
    expect((await bot.post(someoneJoined, { authorization: `Bearer ${token}` })).status).toBe(200);
    const forged = openId.token(botId, { serviceUrl: bot.serviceUrl, forged: true });
    expect((await bot.post(someoneJoined, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });
});

describe('tenant allow-list', () => {
  test('activities from another tenant get no answer, and are logged', async () => {
    const allowed = newUser();
    const bot = await TestBot.start({ env: { ALLOWED_TENANT_IDS: allowed.tenantId } });
    try {
      const stranger = newUser({ tenantId: '11111111-2222-3333-4444-555555555555' });
      const res = await bot.post(message(stranger, bot.serviceUrl, 'help'));
      expect(res.status).toBe(200);
      expect(bot.connector.activities(stranger.conversationId)).toHaveLength(0);
      expect(bot.logs.atLevel(40).some((l) => l.tenantId === stranger.tenantId)).toBe(true);
      expect(await bot.say(allowed, 'help')).toHaveLength(1);
    } finally {
      await bot.stop();
    }
  });
});

describe('readiness', () => {
  test('/readyz is 503 once storage stops answering', async () => {
    const bot = await TestBot.start();
    try {
      await bot.storage.close();
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    } finally {
      await bot.app.close();
      await bot.connector.stop();
    }
  });
});
