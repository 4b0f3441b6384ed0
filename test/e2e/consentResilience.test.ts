import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestBot, cardOf, cardText } from '../harness/testBot';
import { newUser, type TestUser } from '../harness/activities';
import { startTestStorage, type TestStorage } from '../harness/testStorage';

/** The data of the first Action.Execute button with this verb (and option) on a card. */
function actionData(card: unknown, verb: string, option?: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const o = node as Record<string, unknown>;
    const data = (o.data ?? {}) as Record<string, unknown>;
    if (o.type === 'Action.Execute' && o.verb === verb && (!option || data.option === option)) found = data;
    else Object.values(o).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} button: ${cardText(card)}`);
  return found;
}

async function connect(bot: TestBot, user: TestUser, option: 'both' | 'linkedin-only') {
  const [reply] = await bot.say(user, 'connect');
  const confirm = await bot.execute(user, 'consentChoose', actionData(cardOf(reply), 'consentChoose', option));
  return { confirm: confirm.response.value, status: (await bot.execute(user, 'consentConfirm', actionData(confirm.response.value, 'consentConfirm'))).response.value };
}

describe('consent: restarts, scope and storage failures', () => {
  let storage: TestStorage;
  let dir: string;
  beforeAll(async () => {
    storage = await startTestStorage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'consent-dir-'));
  });
  afterAll(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a restart keeps the consent', async () => {
    const user = newUser();
    const first = await TestBot.start({ storage });
    await connect(first, user, 'linkedin-only');
    await first.stop();
    const second = await TestBot.start({ storage });
    try {
      const [reply] = await second.say(user, 'status');
      expect(cardText(cardOf(reply))).toContain('Connected');
      expect(cardText(cardOf(reply))).toContain('LinkedIn data only');
    } finally {
      await second.stop();
    }
  });

  test('scope off: connect explains, shows no option and points to the FAQ; Confirm pressed anyway records nothing', async () => {
    const bot = await TestBot.start({ storage, env: { INTEGRATION_DEFAULT: 'off' } });
    try {
      const user = newUser({ locale: 'fr-FR', tenantId: '0b4a5c6d-0000-4000-8000-00000000000f' });
      const [reply] = await bot.say(user, 'connecter');
      const card = cardOf(reply);
      expect(cardText(card)).toContain("Votre organisation n'a pas activé les connexions de compte LinkedIn.");
      expect(JSON.stringify(card)).not.toContain('consentChoose');
      expect(JSON.stringify(card)).toContain('support.office.com/article/about-linkedin-information');
      const { response } = await bot.execute(user, 'consentConfirm', { option: 'both', for: user.aadObjectId });
      expect(cardText(response.value)).toContain("n'a pas activé");
      expect(await bot.app.stores.consents.current(user.tenantId, user.aadObjectId)).toBeUndefined();
    } finally {
      await bot.stop();
    }
  });

  test('group scope (DIRECTORY_FILE): members may connect, others are told; scope is checked again at Confirm', async () => {
    const tenantId = '0b4a5c6d-0000-4000-8000-00000000000a';
    const member = newUser({ tenantId });
    const outsider = newUser({ tenantId });
    const file = path.join(dir, 'directory.json');
    fs.writeFileSync(file, JSON.stringify({ users: [{ id: member.aadObjectId, displayName: 'Member' }], groups: [{ id: 'group-sales', displayName: 'Sales', members: [member.aadObjectId] }] }));
    const bot = await TestBot.start({ storage, env: { DIRECTORY_FILE: file } });
    try {
      await bot.app.services.scope.set(tenantId, { mode: 'group', groupId: 'group-sales', groupName: 'Sales' }, 'admin:test');
      const [out] = await bot.say(outsider, 'connect');
      expect(cardText(cardOf(out))).toContain('for a group of people, and you are not in it');
      expect(JSON.stringify(cardOf(out))).not.toContain('consentChoose');

      const [ok] = await bot.say(member, 'connect');
      const confirm = await bot.execute(member, 'consentChoose', actionData(cardOf(ok), 'consentChoose', 'both'));
      // The admin turns the integration off between the choice and the confirmation.
      await bot.app.services.scope.set(tenantId, { mode: 'off' }, 'admin:test');
      const { response } = await bot.execute(member, 'consentConfirm', actionData(confirm.response.value, 'consentConfirm'));
      expect(cardText(response.value)).toContain('has not enabled LinkedIn account connections');
      expect(await bot.app.stores.consents.current(tenantId, member.aadObjectId)).toBeUndefined();
    } finally {
      await bot.stop();
    }
  });

  test('group scope with no directory configured: the user is told it cannot be checked now', async () => {
    const tenantId = '0b4a5c6d-0000-4000-8000-00000000000b';
    const user = newUser({ tenantId });
    const bot = await TestBot.start({ storage });
    try {
      await bot.app.services.scope.set(tenantId, { mode: 'group', groupId: 'g', groupName: 'G' }, 'admin:test');
      const [reply] = await bot.say(user, 'connect');
      expect(reply.text).toContain("can't check right now");
    } finally {
      await bot.stop();
    }
  });

  test('storage stopped mid-journey: Confirm answers that nothing was recorded, and the bot keeps answering', async () => {
    const own = await startTestStorage();
    const bot = await TestBot.start({ storage: own });
    try {
      const user = newUser();
      const [reply] = await bot.say(user, 'connect');
      const confirm = await bot.execute(user, 'consentChoose', actionData(cardOf(reply), 'consentChoose', 'both'));
      await own.close();
      const { status, response } = await bot.execute(user, 'consentConfirm', actionData(confirm.response.value, 'consentConfirm'));
      expect(status).toBe(200);
      expect(response.type).toBe('application/vnd.microsoft.activity.message');
      expect(response.value).toContain("can't reach my storage right now, so nothing was recorded");
      // A slow turn (the storage client retries) also gets typing indicators; look at the message.
      const statusReply = (await bot.say(user, 'status')).find((r) => r.type === 'message');
      expect(statusReply?.text).toContain('nothing was recorded');
      const help = (await bot.say(user, 'help')).find((r) => r.type === 'message');
      expect(cardText(cardOf(help))).toContain('What I can do');
      expect(bot.logs.atLevel(50).map((l) => l.msg)).toContain('consent: storage unavailable');
    } finally {
      await bot.stop();
    }
  });
});
