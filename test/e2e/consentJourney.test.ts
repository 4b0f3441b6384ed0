import { TestBot, cardOf, cardText, executeActions } from '../harness/testBot';
import { newUser, type TestUser } from '../harness/activities';
import { CONSENT_LINKS, CONSENT_TERMS_VERSION } from '../../src/consent/terms';

type Card = Record<string, unknown>;

describe('consent journey, through /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(() => bot.stop());

  /** Presses a button of a card as Teams would: the verb and the data the card carries. */
  async function press(user: TestUser, card: unknown, verb: string, pick: (a: { data: Record<string, unknown>; title: string }) => boolean = () => true) {
    const action = executeActions(card).find((a) => a.verb === verb && pick(a));
    if (!action) throw new Error(`no ${verb} button on the card: ${cardText(card)}`);
    const { status, response } = await bot.execute(user, verb, action.data);
    expect(status).toBe(200);
    return response;
  }

  async function connectCardOf(user: TestUser, command = 'connect'): Promise<Card> {
    const [reply] = await bot.say(user, command);
    const card = cardOf(reply);
    expect(card).toBeDefined();
    return card!;
  }

  test('English: connect shows benefits, where LinkedIn appears, and both options side by side with what each shares', async () => {
    const user = newUser({ locale: 'en-US' });
    const card = await connectCardOf(user);
    const text = cardText(card);
    expect(text).toContain('Connect your work account with LinkedIn');
    expect(text).toContain('profile cards in Outlook, OneDrive and SharePoint Online');
    expect(JSON.stringify(card)).toContain('"type":"ColumnSet"');
    expect(text).toContain('Both directions');
    expect(text).toContain('LinkedIn data only');
    expect(text).toContain('Calendar: your meetings');
    expect(text).toContain('Meeting titles, agendas and content');
    expect(text).toContain('Connections: your LinkedIn network');
    // The LinkedIn-only column says nothing leaves the work account.
    expect(text).toContain('Anything from your work account');
    expect(executeActions(card).map((a) => a.title)).toEqual(['Choose both directions', 'Choose LinkedIn data only']);
  });

  test('English, both directions: choose, confirm (privacy links), then a status card replaces it; the consent is recorded', async () => {
    const user = newUser({ locale: 'en-US' });
    const confirm = await press(user, await connectCardOf(user), 'consentChoose', (a) => a.data.option === 'both');
    expect(confirm.type).toBe('application/vnd.microsoft.card.adaptive');
    const confirmJson = JSON.stringify(confirm.value);
    expect(cardText(confirm.value)).toContain('Confirm your choice: Both directions');
    expect(confirmJson).toContain(CONSENT_LINKS.microsoftPrivacy);
    expect(confirmJson).toContain(CONSENT_LINKS.linkedInPrivacy);
    expect(executeActions(confirm.value).map((a) => a.verb)).toEqual(['consentConfirm', 'consentCancel']);
    expect(await bot.app.stores.consents.current(user.tenantId, user.aadObjectId)).toBeUndefined();

    const status = await press(user, confirm.value, 'consentConfirm');
    const text = cardText(status.value);
    expect(text).toContain('Your consent is recorded.');
    expect(text).toContain('Connected');
    expect(text).toContain('Both directions');
    expect(text).toContain('UTC');
    expect(text).toContain('What to do next');
    expect(JSON.stringify(status.value)).toContain(CONSENT_LINKS.connectAccounts);
    expect(executeActions(status.value).map((a) => a.verb)).toEqual(['consentRevoke']);
    expect(JSON.stringify(status.value)).not.toContain('"refresh"');

    const stored = await bot.app.stores.consents.current(user.tenantId, user.aadObjectId);
    expect(stored).toMatchObject({ option: 'both', state: 'active', termsVersion: CONSENT_TERMS_VERSION, locale: 'en', seq: 1 });
  });

  test('French, LinkedIn data only: the whole journey speaks French', async () => {
    const user = newUser({ locale: 'fr-FR' });
    const card = await connectCardOf(user, 'connecter');
    expect(cardText(card)).toContain('Connecter votre compte professionnel à LinkedIn');
    const confirm = await press(user, card, 'consentChoose', (a) => a.data.option === 'linkedin-only');
    expect(cardText(confirm.value)).toContain('Confirmez votre choix : Données LinkedIn uniquement');
    expect(cardText(confirm.value)).not.toContain('Microsoft partage avec LinkedIn');
    const status = await press(user, confirm.value, 'consentConfirm');
    expect(cardText(status.value)).toContain('Votre consentement est enregistré.');
    expect(cardText(status.value)).toContain('Données LinkedIn uniquement');
    expect(await bot.app.stores.consents.current(user.tenantId, user.aadObjectId)).toMatchObject({ option: 'linkedin-only', locale: 'fr' });
  });

  test('Cancel records nothing', async () => {
    const user = newUser();
    const confirm = await press(user, await connectCardOf(user), 'consentChoose', (a) => a.data.option === 'both');
    const cancelled = await press(user, confirm.value, 'consentCancel');
    expect(cardText(cancelled.value)).toContain('Nothing was recorded');
    expect(await bot.app.stores.consents.current(user.tenantId, user.aadObjectId)).toBeUndefined();
    expect(await bot.app.stores.consents.history(user.tenantId, user.aadObjectId)).toEqual([]);
  });

  test('the Connect button of the help card starts the walkthrough', async () => {
    const user = newUser();
    const [reply] = await bot.submit(user, { verb: 'runCommand', command: 'connect' });
    expect(cardText(cardOf(reply))).toContain('Choose both directions');
  });

  test('status: not connected (Connect button), connected (option, date, terms version, Revoke), older terms need renewal', async () => {
    const user = newUser();
    let [reply] = await bot.say(user, 'status');
    expect(cardText(cardOf(reply))).toContain('Not connected');
    expect(executeActions(cardOf(reply)).map((a) => a.verb)).toEqual(['consentStart']);

    await bot.app.stores.consents.grant({ tenantId: user.tenantId, userAadObjectId: user.aadObjectId, option: 'linkedin-only', termsVersion: CONSENT_TERMS_VERSION, grantedAt: '2026-03-04T09:30:00.000Z', locale: 'en' });
    [reply] = await bot.say(user, 'status');
    const text = cardText(cardOf(reply));
    expect(text).toContain('Connected');
    expect(text).toContain('LinkedIn data only');
    expect(text).toContain('4 March 2026 at 09:30 UTC');
    expect(text).toMatch(new RegExp(`Terms version\\n${CONSENT_TERMS_VERSION}`));
    expect(text).not.toContain('terms changed');

    const old = newUser({ locale: 'fr-FR' });
    await bot.app.stores.consents.grant({ tenantId: old.tenantId, userAadObjectId: old.aadObjectId, option: 'both', termsVersion: CONSENT_TERMS_VERSION - 1, grantedAt: '2025-01-01T00:00:00.000Z', locale: 'fr' });
    [reply] = await bot.say(old, 'statut');
    expect(cardText(cardOf(reply))).toContain('Les conditions du consentement ont changé');
    expect(executeActions(cardOf(reply)).map((a) => a.verb)).toEqual(['consentStart', 'consentRevoke']);
    // Renewing goes through the walkthrough again and ends the old consent.
    const connect = await press(old, cardOf(reply), 'consentStart');
    expect(cardText(connect.value)).toContain('Relisez-les et choisissez à nouveau');
    const confirm = await press(old, connect.value, 'consentChoose', (a) => a.data.option === 'both');
    await press(old, confirm.value, 'consentConfirm');
    const history = await bot.app.stores.consents.history(old.tenantId, old.aadObjectId);
    expect(history.map((r) => [r.termsVersion, r.state])).toEqual([
      [CONSENT_TERMS_VERSION - 1, 'revoked'],
      [CONSENT_TERMS_VERSION, 'active'],
    ]);
  });

  async function connectWith(user: TestUser, option: 'both' | 'linkedin-only') {
    const confirm = await press(user, await connectCardOf(user), 'consentChoose', (a) => a.data.option === option);
    return press(user, confirm.value, 'consentConfirm');
  }

  test('revoke (both directions): a confirmation, then permissions to remove on both sides and the imported contacts', async () => {
    const user = newUser();
    const status = await connectWith(user, 'both');
    const ask = await press(user, status.value, 'consentRevoke');
    expect(cardText(ask.value)).toContain('Revoke your consent?');
    expect((await bot.app.stores.consents.current(user.tenantId, user.aadObjectId))?.state).toBe('active');
    const done = await press(user, ask.value, 'consentRevokeConfirm');
    const text = cardText(done.value);
    const json = JSON.stringify(done.value);
    expect(text).toContain('Your consent is revoked');
    expect(text).toContain('On the Microsoft side: open My Apps');
    expect(json).toContain(CONSENT_LINKS.myApps);
    expect(text).toContain('Settings & Privacy > Partners and services > Microsoft > Remove');
    expect(text).toContain('stay on LinkedIn until you delete them');
    expect(json).toContain(CONSENT_LINKS.importedContacts);
    const stored = await bot.app.stores.consents.current(user.tenantId, user.aadObjectId);
    expect(stored).toMatchObject({ state: 'revoked', revokedBy: user.aadObjectId });
    expect(stored?.revokedAt).toBeDefined();
    const audited = (await bot.app.services.audit.latest(user.tenantId, 50)).filter((e) => e.actor === user.aadObjectId);
    expect(audited.map((e) => [e.action, e.before, e.after])).toEqual([
      ['consent.revoked', 'both', 'revoked'],
      ['consent.granted', undefined, 'both'],
    ]);
  });

  test('revoke (LinkedIn only), typed in French: only the LinkedIn side', async () => {
    const user = newUser({ locale: 'fr-FR' });
    await connectWith(user, 'linkedin-only');
    for (const typed of ['révoquer', 'déconnecter', 'disconnect', 'revoke']) {
      const [reply] = await bot.say(user, typed);
      expect(cardText(cardOf(reply))).toContain('Révoquer votre consentement ?');
    }
    const [reply] = await bot.say(user, 'révoquer');
    const done = await press(user, cardOf(reply), 'consentRevokeConfirm');
    const text = cardText(done.value);
    expect(text).toContain('Côté LinkedIn');
    expect(text).not.toContain('Côté Microsoft');
    expect(JSON.stringify(done.value)).not.toContain(CONSENT_LINKS.myApps);
    expect(JSON.stringify(done.value)).toContain(CONSENT_LINKS.importedContacts);
    // Nothing left to revoke.
    const [again] = await bot.say(user, 'revoke');
    expect(cardText(cardOf(again))).toContain("Vous n'avez pas de consentement actif");
  });

  test('"can I revoke later?" is a question, not the revoke command', async () => {
    const user = newUser();
    await connectWith(user, 'both');
    const replies = await bot.say(user, 'can I revoke later?');
    expect(replies.map((r) => cardText(cardOf(r)) + String(r.text ?? '')).join('\n')).not.toContain('Revoke your consent?');
  });

  test('my data: consent history and conversation reference, and what is never stored', async () => {
    const user = newUser();
    await bot.install(user);
    const status = await connectWith(user, 'both');
    const ask = await press(user, status.value, 'consentRevoke');
    await press(user, ask.value, 'consentRevokeConfirm');
    await connectWith(user, 'linkedin-only');
    const [reply] = await bot.say(user, 'my data');
    const text = cardText(cardOf(reply));
    expect(text).toContain('What I store about you');
    expect(text).toContain(user.aadObjectId);
    expect(text).toContain('Both directions: Revoked');
    expect(text).toContain('LinkedIn data only: Active');
    expect(text).toContain('Ended by\nyou');
    expect(text).toContain(user.conversationId);
    expect(text).toContain(bot.serviceUrl);
    expect(text).toContain('I never store your LinkedIn or Microsoft profile data');
    const [fr] = await bot.say({ ...user, locale: 'fr-FR' }, 'mes données');
    expect(cardText(cardOf(fr))).toContain('Ce que je conserve sur vous');
  });

  test('a card pressed by someone else acts only on the presser', async () => {
    const alice = newUser();
    const bob = newUser();
    const aliceConfirm = await press(alice, await connectCardOf(alice), 'consentChoose', (a) => a.data.option === 'both');
    const confirmAction = executeActions(aliceConfirm.value).find((a) => a.verb === 'consentConfirm')!;
    // Bob presses Alice's confirmation: he gets his own confirmation card; nobody's consent is recorded.
    const { response } = await bot.execute(bob, 'consentConfirm', confirmAction.data);
    expect(cardText(response.value)).toContain('Confirm your choice');
    expect(executeActions(response.value).find((a) => a.verb === 'consentConfirm')?.data.for).toBe(bob.aadObjectId);
    expect(await bot.app.stores.consents.current(alice.tenantId, alice.aadObjectId)).toBeUndefined();
    expect(await bot.app.stores.consents.current(bob.tenantId, bob.aadObjectId)).toBeUndefined();
    // Forged data naming Alice changes nothing either: identity comes from the activity.
    await bot.execute(bob, 'consentConfirm', { option: 'both', for: alice.aadObjectId, userAadObjectId: alice.aadObjectId });
    expect(await bot.app.stores.consents.current(alice.tenantId, alice.aadObjectId)).toBeUndefined();

    // Alice connects; Bob pressing her Revoke confirmation does not touch her consent.
    const status = await press(alice, aliceConfirm.value, 'consentConfirm');
    const ask = await press(alice, status.value, 'consentRevoke');
    const revokeAction = executeActions(ask.value).find((a) => a.verb === 'consentRevokeConfirm')!;
    const bobPress = await bot.execute(bob, 'consentRevokeConfirm', revokeAction.data);
    expect(cardText(bobPress.response.value)).toContain('Not connected');
    expect((await bot.app.stores.consents.current(alice.tenantId, alice.aadObjectId))?.state).toBe('active');
  });

  test('two Confirm presses at once give one consent and two sane answers', async () => {
    const user = newUser();
    const confirm = await press(user, await connectCardOf(user), 'consentChoose', (a) => a.data.option === 'both');
    const data = executeActions(confirm.value).find((a) => a.verb === 'consentConfirm')!.data;
    const [a, b] = await Promise.all([bot.execute(user, 'consentConfirm', data), bot.execute(user, 'consentConfirm', data)]);
    for (const r of [a, b]) {
      expect(r.status).toBe(200);
      expect(cardText(r.response.value)).toContain('Connected');
    }
    const notices = [a, b].map((r) => cardText(r.response.value).split('\n')[0]).sort();
    expect(notices).toEqual(['You are already connected; nothing changed.', 'Your consent is recorded.']);
    expect(await bot.app.stores.consents.history(user.tenantId, user.aadObjectId)).toHaveLength(1);
    const audited = (await bot.app.services.audit.latest(user.tenantId, 50)).filter((e) => e.actor === user.aadObjectId);
    expect(audited.map((e) => e.action)).toEqual(['consent.granted']);
  });

  test('connect when already connected shows the status; two Revoke confirmations at once revoke once, both answers say revoked', async () => {
    const user = newUser();
    const status = await connectWith(user, 'both');
    const [again] = await bot.say(user, 'connect');
    expect(cardText(cardOf(again))).toContain('You are already connected; nothing changed.');
    const ask = await press(user, status.value, 'consentRevoke');
    const data = executeActions(ask.value).find((a) => a.verb === 'consentRevokeConfirm')!.data;
    const both = await Promise.all([bot.execute(user, 'consentRevokeConfirm', data), bot.execute(user, 'consentRevokeConfirm', data)]);
    for (const r of both) expect(cardText(r.response.value)).toContain('Your consent is revoked');
    const history = await bot.app.stores.consents.history(user.tenantId, user.aadObjectId);
    expect(history.map((r) => r.state)).toEqual(['revoked']);
  });

  test('card actions with bad data get the out-of-date card', async () => {
    const user = newUser();
    const { response } = await bot.execute(user, 'consentConfirm', { option: 'everything', for: user.aadObjectId });
    expect(cardText(response.value)).toContain('This card is out of date');
    expect(await bot.app.stores.consents.current(user.tenantId, user.aadObjectId)).toBeUndefined();
  });
});
