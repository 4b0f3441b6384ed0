import { message, newUser } from '../test/harness/activities';
import { benchOptions, compareWithEcho, withBotAndEcho } from './lib';

/**
 * FAQ turns through the whole bot (HTTP, teams-ai routing, language detection, matching, card
 * rendering, connector reply) against a minimal teams-ai echo bot, in the same process and run.
 */
const QUESTIONS = [
  'What data does LinkedIn get from my work account?',
  'Est-ce que LinkedIn voit le titre de mes réunions ?',
  'how do I disconnect linkedin',
  'combien de temps mes données sont-elles conservées ?',
  'is my data transferred to the US?',
  "what's the weather like today",
  'LinkedIn and Microsoft?',
  'Hi, I connected my accounts last week by mistake and I would like to undo it, what are the steps on each side?',
];

withBotAndEcho(async ({ botUrl, echoUrl, serviceUrl }) => {
  const users = Array.from({ length: 50 }, (_, i) => newUser({ locale: i % 2 ? 'fr-FR' : 'en-US' }));
  const activity = (i: number) => message(users[i % users.length], serviceUrl, QUESTIONS[i % QUESTIONS.length]);
  console.log(`${QUESTIONS.length} questions in rotation (answers, unsure, off topic)`);
  await compareWithEcho('faq', { echo: echoUrl, bot: botUrl }, activity, benchOptions());
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
