import { TestBot, cardOf, cardText } from '../harness/testBot';
import { newUser } from '../harness/activities';

describe('welcome and help, through /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(() => bot.stop());

  test('installing the bot sends a welcome card and stores the conversation reference', async () => {
    const user = newUser({ locale: 'en-US' });
    const replies = await bot.install(user);
    expect(replies).toHaveLength(1);
    const text = cardText(cardOf(replies[0]));
    expect(text).toContain('Welcome to the LinkedIn Connections Assistant');
    const stored = await bot.app.stores.conversations.get(user.tenantId, user.aadObjectId);
    expect(stored).toMatchObject({ conversationId: user.conversationId, serviceUrl: bot.serviceUrl, locale: 'en', installed: true, userId: user.id });
  });

  test('help answers in English for an English client', async () => {
    const user = newUser({ locale: 'en-GB' });
    const [reply] = await bot.say(user, 'help');
    const text = cardText(cardOf(reply));
    expect(text).toContain('What I can do');
    expect(text).toContain('**connect**');
    expect(text).not.toContain('Admin commands');
  });

  test('aide (and help) answer in French for a French client, accents and punctuation aside', async () => {
    const user = newUser({ locale: 'fr-FR' });
    for (const typed of ['aide', '  AIDE ! ', 'help.']) {
      const [reply] = await bot.say(user, typed);
      expect(cardText(cardOf(reply))).toContain('Ce que je sais faire');
    }
  });

  test('aide answers in French even from an English client: the question tells the language', async () => {
    const user = newUser({ locale: 'en-US' });
    const [reply] = await bot.say(user, 'aide');
    expect(cardText(cardOf(reply))).toContain('Ce que je sais faire');
  });

  test('help lists admin commands to admins only', async () => {
    const admin = newUser();
    const adminBot = await TestBot.start({ env: { ADMIN_AAD_OBJECT_IDS: admin.aadObjectId }, storage: bot.storage });
    try {
      const [reply] = await adminBot.say(admin, 'help');
      expect(cardText(cardOf(reply))).toContain('Admin commands');
    } finally {
      await adminBot.stop();
    }
  });

  test('a help button runs the command as if typed', async () => {
    const user = newUser();
    const [reply] = await bot.submit(user, { verb: 'runCommand', command: 'help' });
    expect(cardText(cardOf(reply))).toContain('What I can do');
  });

  test('a question containing a command word is not that command', async () => {
    const user = newUser();
    const [reply] = await bot.say(user, 'can I get help with my LinkedIn account?');
    expect(cardText(cardOf(reply))).not.toContain('What I can do');
  });

  test('an unknown card verb gets a polite out-of-date card with a fresh one', async () => {
    const user = newUser();
    const { status, response } = await bot.execute(user, 'noSuchVerb', { foo: 1 });
    expect(status).toBe(200);
    expect(response.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(cardText(response.value)).toContain('This card is out of date');
    const [reply] = await bot.submit(user, { verb: 'alsoUnknown' });
    expect(cardText(cardOf(reply))).toContain('This card is out of date');
  });

  test('an ordinary message does not rewrite an unchanged conversation reference', async () => {
    const user = newUser();
    await bot.install(user);
    const first = await bot.app.stores.conversations.get(user.tenantId, user.aadObjectId);
    await bot.say(user, 'help');
    await bot.say(user, 'help');
    const after = await bot.app.stores.conversations.get(user.tenantId, user.aadObjectId);
    expect(after?.updatedAt).toBe(first?.updatedAt);
  });

  test('a message from a new locale updates the stored locale; uninstall marks the reference', async () => {
    const user = newUser({ locale: 'en-US' });
    await bot.install(user);
    await bot.say({ ...user, locale: 'fr-CA' }, 'aide');
    expect((await bot.app.stores.conversations.get(user.tenantId, user.aadObjectId))?.locale).toBe('fr');
    await bot.uninstall(user);
    const stored = await bot.app.stores.conversations.get(user.tenantId, user.aadObjectId);
    expect(stored?.installed).toBe(false);
    expect(stored?.uninstalledAt).toBeDefined();
  });
});
