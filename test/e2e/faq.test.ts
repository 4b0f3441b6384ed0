import { TestBot, cardOf, cardText, executeActions } from '../harness/testBot';
import { newUser } from '../harness/activities';
import { loadKnowledgeBase } from '../../src/faq/knowledgeBase';
import en from '../../src/locales/en.json';
import fr from '../../src/locales/fr.json';

const kb = loadKnowledgeBase();
const entry = (id: string) => kb.byId.get(id)!;

/** Every Action.Submit / selectAction data object of a card, in order. */
function submitData(card: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.type === 'Action.Submit' && o.data) found.push(o.data as Record<string, unknown>);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

describe('the privacy FAQ, through /api/messages', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await TestBot.start();
  });
  afterAll(() => bot.stop());

  test('a French question from an English client gets a French card with the right facts and links', async () => {
    const user = newUser({ locale: 'en-US' });
    const [reply] = await bot.say(user, 'Est-ce que LinkedIn voit le titre de mes réunions ?');
    const card = cardOf(reply);
    const text = cardText(card);
    const calendar = entry('calendar-data').fr;
    expect(text).toContain(calendar.question);
    expect(text).toContain(calendar.short);
    expect(text).toContain('ordre du jour');
    expect(text).toContain('https://www.linkedin.com/help/linkedin/answer/84077');
    expect(text).toContain(fr['faq.helpfulQuestion']);
    expect(text).not.toContain(en['faq.helpfulQuestion']);
    // Related questions are offered, in French.
    for (const id of entry('calendar-data').related) expect(text).toContain(entry(id).fr.question);
  });

  test('an English question from a French client gets an English card', async () => {
    const user = newUser({ locale: 'fr-FR' });
    const [reply] = await bot.say(user, 'how long does linkedin keep the data it takes from my work account?');
    const text = cardText(cardOf(reply));
    expect(text).toContain(entry('retention').en.short);
    expect(text).toContain(en['faq.learnMore']);
    expect(text).toContain('https://www.linkedin.com/help/linkedin/answer/43377');
  });

  test('an off-topic question gets the polite scope statement, in its own language', async () => {
    const user = newUser({ locale: 'en-US' });
    const [english] = await bot.say(user, "what's the weather like in Paris today?");
    expect(english.text).toBe(en['faq.offTopic']);
    const [french] = await bot.say(user, 'raconte-moi une blague');
    expect(french.text).toBe(fr['faq.offTopic']);
    expect(cardOf(french)).toBeUndefined();
  });

  test('a vague question gets the closest questions as buttons, and a help button', async () => {
    const user = newUser({ locale: 'en-US' });
    const [reply] = await bot.say(user, 'LinkedIn and Microsoft?');
    const card = cardOf(reply);
    expect(cardText(card)).toContain(en['faq.unsureTitle']);
    const buttons = submitData(card);
    const suggestions = buttons.filter((d) => d.verb === 'faqAnswer');
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(buttons).toContainEqual({ verb: 'runCommand', command: 'help' });
    // Pressing a suggestion answers it.
    const [answer] = await bot.submit(user, suggestions[0]);
    expect(cardText(cardOf(answer))).toContain(entry(String(suggestions[0].entryId)).en.short);
  });

  test('pressing a related question answers that entry in the language of the card', async () => {
    const user = newUser({ locale: 'en-US' });
    const [first] = await bot.say(user, 'mes contacts Outlook partent chez LinkedIn ?');
    const related = submitData(cardOf(first)).filter((d) => d.verb === 'faqAnswer');
    expect(related.map((d) => d.entryId)).toEqual(entry('contacts').related);
    expect(related.every((d) => d.lang === 'fr')).toBe(true);
    const [second] = await bot.submit(user, related[0]);
    const target = entry(String(related[0].entryId)).fr;
    expect(cardText(cardOf(second))).toContain(target.question);
    expect(cardText(cardOf(second))).toContain(target.short);
  });

  test('"Was this helpful?" counts the vote per entry and thanks the user in place', async () => {
    const user = newUser({ locale: 'fr-FR' });
    const [reply] = await bot.say(user, 'comment supprimer les contacts que LinkedIn a importés ?');
    const votes = executeActions(cardOf(reply));
    expect(votes.map((v) => v.title)).toEqual([fr['faq.helpfulYes'], fr['faq.helpfulNo']]);
    const before = await bot.app.stores.faqFeedback.get(user.tenantId, 'contacts');

    const yes = await bot.execute(user, votes[0].verb, votes[0].data);
    expect(yes.status).toBe(200);
    expect(yes.response.type).toBe('application/vnd.microsoft.card.adaptive');
    const updated = cardText(yes.response.value);
    expect(updated).toContain(fr['faq.feedbackThanks']);
    expect(updated).toContain(entry('contacts').fr.short);
    expect(executeActions(yes.response.value)).toEqual([]);

    await bot.execute(user, votes[1].verb, votes[1].data);
    expect(await bot.app.stores.faqFeedback.get(user.tenantId, 'contacts')).toEqual({
      entryId: 'contacts',
      helpful: before.helpful + 1,
      notHelpful: before.notHelpful + 1,
    });
  });

  test('buttons that name an unknown entry get a polite answer, never a crash', async () => {
    const user = newUser({ locale: 'en-US' });
    const [reply] = await bot.submit(user, { verb: 'faqAnswer', entryId: 'no-such-entry', lang: 'en' });
    expect(reply.text).toBe(en['faq.entryGone']);
    const vote = await bot.execute(user, 'faqFeedback', { entryId: 'no-such-entry', helpful: true });
    expect(vote.response.value).toBe(en['faq.entryGone']);
    const forged = await bot.execute(user, 'faqFeedback', { entryId: 'contacts', helpful: 'very' });
    expect(cardText(forged.response.value)).toContain(en['common.cardOutdated']);
  });

  test('the text of a question is never logged', async () => {
    const user = newUser();
    const secret = 'does linkedin see my calendar zebra-canary-42';
    await bot.say(user, secret);
    expect(JSON.stringify(bot.logs.lines)).not.toContain('zebra-canary-42');
  });
});
