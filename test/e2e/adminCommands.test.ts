import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestBot, cardOf, cardText, executeActions } from '../harness/testBot';
import { newUser, type TestUser } from '../harness/activities';
import { startTestStorage, type TestStorage } from '../harness/testStorage';
import { CONSENT_TERMS_VERSION } from '../../src/consent/terms';
import type { ConsentOption } from '../../src/consent/consentStore';

describe('admin commands, through /api/messages', () => {
  let storage: TestStorage;
  let bot: TestBot;
  let dir: string;
  const tenantId = 'a0a0a0a0-0000-4000-8000-000000000001';
  const admin = newUser({ tenantId, aadObjectId: 'ad000000-0000-4000-8000-00000000000a', name: 'Admin' });
  const member = newUser({ tenantId });
  const outsider = newUser({ tenantId });
  const other = newUser({ tenantId });

  beforeAll(async () => {
    storage = await startTestStorage();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admin-e2e-'));
    const file = path.join(dir, 'directory.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        users: [member, outsider, other].map((u, i) => ({ id: u.aadObjectId, displayName: `User ${i}` })),
        groups: [
          { id: 'c0c0c0c0-0000-4000-8000-000000000001', displayName: 'Sales', members: [member.aadObjectId] },
          { id: 'c0c0c0c0-0000-4000-8000-000000000002', displayName: 'Sales Europe', members: [member.aadObjectId, other.aadObjectId] },
          { id: 'c0c0c0c0-0000-4000-8000-000000000003', displayName: 'Marketing', members: [] },
          { id: 'c0c0c0c0-0000-4000-8000-000000000004', displayName: 'Marketing', members: [] },
        ],
      }),
    );
    bot = await TestBot.start({ storage, env: { ADMIN_AAD_OBJECT_IDS: admin.aadObjectId, DIRECTORY_FILE: file, LOG_LEVEL: 'warn' } });
  });
  afterAll(async () => {
    await bot.stop();
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function consent(user: TestUser, option: ConsentOption = 'both') {
    await bot.app.stores.consents.grant({ tenantId, userAadObjectId: user.aadObjectId, option, termsVersion: CONSENT_TERMS_VERSION, grantedAt: new Date().toISOString(), locale: 'en' });
  }

  async function adminCard(text: string, user: TestUser = admin): Promise<Record<string, unknown>> {
    const [reply] = await bot.say(user, text);
    const card = cardOf(reply);
    if (!card) throw new Error(`no card for "${text}": ${JSON.stringify(reply)}; errors logged: ${JSON.stringify(bot.logs.atLevel(50))}`);
    return card;
  }

  async function confirm(card: unknown, user: TestUser = admin) {
    const action = executeActions(card).find((a) => a.verb === 'adminScopeConfirm');
    if (!action) throw new Error('no Confirm button');
    const { status, response } = await bot.execute(user, action.verb, action.data);
    expect(status).toBe(200);
    return response;
  }

  test('non-admins are refused politely, for commands and for card verbs with forged data, and each attempt is audited', async () => {
    const intruder = newUser({ tenantId });
    for (const command of ['admin disable', 'admin status', 'admin announce all', 'admin audit']) {
      const [reply] = await bot.say(intruder, command);
      expect(reply.text).toBe('Sorry, this command is reserved for the administrators of the integration.');
    }
    // A card claiming to be the admin's changes nothing: identity comes from the sender.
    const { response } = await bot.execute(intruder, 'adminScopeConfirm', { mode: 'off', admin: admin.aadObjectId, from: admin.aadObjectId });
    expect(response.value).toBe('Sorry, this command is reserved for the administrators of the integration.');
    expect(await bot.app.services.scope.current(tenantId)).toEqual({ mode: 'all' });
    const refused = (await bot.app.services.audit.latest(tenantId, 50)).filter((e) => e.action === 'admin.refused' && e.actor === intruder.aadObjectId);
    expect(refused.map((e) => e.detail).sort()).toEqual(['adminAnnounceAll', 'adminAudit', 'adminDisable', 'adminStatus', 'scope.off'].sort());
  });

  test('a group name matching nothing or several groups gets a clear answer with the candidates', async () => {
    const [none] = await bot.say(admin, 'admin enable group Finance');
    expect(none.text).toContain('I found no group matching "Finance"');
    const [twins] = await bot.say(admin, 'admin enable group marketing');
    expect(twins.text).toContain('"marketing" matches 2 groups');
    expect(twins.text).toContain('c0c0c0c0-0000-4000-8000-000000000003');
    expect(twins.text).toContain('c0c0c0c0-0000-4000-8000-000000000004');
    const [partial] = await bot.say(admin, 'admin enable group Sal');
    expect(partial.text).toContain('Sales (c0c0c0c0-0000-4000-8000-000000000001)');
    expect(partial.text).toContain('Sales Europe (c0c0c0c0-0000-4000-8000-000000000002)');
  });

  test('narrowing to a group withdraws the consents of users outside it, keeping who and when; connect follows the scope', async () => {
    await consent(member);
    await consent(outsider, 'linkedin-only');
    await consent(other);
    const card = await adminCard('admin enable group sales');
    const text = cardText(card);
    expect(text).toContain('Limit the integration to one group?');
    expect(text).toContain('After: the members of Sales (c0c0c0c0-0000-4000-8000-000000000001).');
    expect(text).toContain('This withdraws 2 of the 3 active consents');
    expect(text).toContain('Users > User settings > LinkedIn account connections');
    // Nothing changes before Confirm.
    expect(await bot.app.services.scope.current(tenantId)).toEqual({ mode: 'all' });

    const response = await confirm(card);
    expect(cardText(response.value)).toContain('Done: the scope is now the members of Sales');
    expect(cardText(response.value)).toContain('2 consents withdrawn');
    expect(await bot.app.services.scope.current(tenantId)).toEqual({ mode: 'group', groupId: 'c0c0c0c0-0000-4000-8000-000000000001', groupName: 'Sales' });
    expect(await bot.app.stores.consents.current(tenantId, member.aadObjectId)).toMatchObject({ state: 'active' });
    const withdrawn = await bot.app.stores.consents.current(tenantId, outsider.aadObjectId);
    expect(withdrawn).toMatchObject({ state: 'withdrawn', revokedBy: `admin:${admin.aadObjectId}` });
    expect(withdrawn?.revokedAt).toBeDefined();

    // The outsider can no longer connect; the member still can.
    const [out] = await bot.say(outsider, 'connect');
    expect(JSON.stringify(cardOf(out))).not.toContain('consentChoose');
    expect(await bot.app.services.scope.isInScope(tenantId, member.aadObjectId)).toBe(true);

    // Widening again restores nothing: the withdrawn consent stays withdrawn, the user consents again.
    const all = await adminCard('admin enable all');
    expect(cardText(all)).toContain('No consent is withdrawn (1 active consents stay)');
    await confirm(all);
    expect(await bot.app.stores.consents.current(tenantId, outsider.aadObjectId)).toMatchObject({ state: 'withdrawn' });
    const [again] = await bot.say(outsider, 'connect');
    expect(JSON.stringify(cardOf(again))).toContain('consentChoose');
  });

  test('disabling shows how many consents it withdraws, withdraws them all on Confirm, and connect is refused', async () => {
    await consent(other, 'linkedin-only');
    const card = await adminCard('admin disable');
    expect(cardText(card)).toContain('Disabling withdraws 2 active consents');
    // Cancel changes nothing.
    const cancel = await bot.execute(admin, 'adminScopeCancel', {});
    expect(cardText(cancel.response.value)).toContain('Nothing was changed.');
    expect(executeActions(cancel.response.value)).toEqual([]);
    expect(await bot.app.services.scope.current(tenantId)).toEqual({ mode: 'all' });

    await confirm(card);
    expect(await bot.app.services.scope.current(tenantId)).toEqual({ mode: 'off' });
    let active = 0;
    for await (const _ of bot.app.stores.consents.listActive(tenantId)) active++;
    expect(active).toBe(0);
    const [reply] = await bot.say(member, 'connect');
    expect(JSON.stringify(cardOf(reply))).not.toContain('consentChoose');
  });

  test('admin status: scope, who set it and when, consents by option and state, last announcement, Entra link', async () => {
    const card = await adminCard('admin status');
    const text = cardText(card);
    expect(text).toContain('Integration status');
    expect(text).toContain('off: nobody can connect');
    expect(text).toContain(`admin ${admin.aadObjectId}`);
    expect(text).toMatch(/Both directions\n0 active, 0 revoked, 1 withdrawn/);
    expect(text).toMatch(/LinkedIn data only\n0 active, 0 revoked, 2 withdrawn/);
    expect(text).toContain('No announcement yet.');
    expect(text).toContain('must agree with the bot');
    expect(JSON.stringify(card)).toContain('"url":"https://entra.microsoft.com"');

    expect(cardText(await adminCard('admin status', { ...admin, locale: 'fr-FR' }))).toContain("État de l'intégration");
  });

  test('admin audit lists the latest entries: scope changes, withdrawals and refusals, newest first', async () => {
    const card = await adminCard('admin audit');
    const text = cardText(card);
    expect(text).toMatch(/^Audit log: the latest 1\d entries/);
    expect(text).toContain('Scope changed');
    expect(text).toContain('all → off');
    expect(text).toContain('Consent withdrawn');
    expect(text).toContain('Admin command refused');
    const entries = await bot.app.services.audit.latest(tenantId, 100);
    expect(entries[0]).toMatchObject({ action: 'scope.changed', actor: admin.aadObjectId, before: 'all', after: 'off', detail: 'withdrawn=2' });
    const times = entries.map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('a scope change in one tenant leaves another tenant alone', async () => {
    const elsewhere = newUser({ tenantId: randomUUID() });
    expect(await bot.app.services.scope.current(elsewhere.tenantId)).toEqual({ mode: 'all' });
  });
});
