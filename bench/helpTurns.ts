import { message, newUser } from '../test/harness/activities';
import { benchOptions, compareWithEcho, withBotAndEcho } from './lib';

/**
 * `help` turns through the whole bot (HTTP, auth pipeline, teams-ai routing, card rendering,
 * connector reply) against a minimal teams-ai echo bot in the same process.
 */
withBotAndEcho(async ({ botUrl, echoUrl, serviceUrl }) => {
  const users = Array.from({ length: 50 }, () => newUser());
  const activity = (i: number) => message(users[i % users.length], serviceUrl, 'help');
  await compareWithEcho('help', { echo: echoUrl, bot: botUrl }, activity, benchOptions());
}).catch((err) => {
  console.error(err);
  process.exit(1);
});
