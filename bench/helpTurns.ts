import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startTestStorage } from '../test/harness/testStorage';
import { message, newUser } from '../test/harness/activities';
import { benchOptions, compareWithEcho, startConnector, startEchoBot } from './lib';

/**
 * `help` turns through the whole bot (HTTP, auth pipeline, teams-ai routing, card rendering,
 * connector reply) against a minimal teams-ai echo bot in the same process.
 */
async function main(): Promise<void> {
  const connector = await startConnector();
  const storage = await startTestStorage();
  const echo = await startEchoBot();
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), tables: storage.tables });
  const botUrl = await app.listen(0);
  const users = Array.from({ length: 50 }, () => newUser());
  const activity = (i: number) => message(users[i % users.length], connector.url, 'help');

  await compareWithEcho('help', { echo: echo.url, bot: botUrl }, activity, benchOptions());

  await app.close();
  await echo.close();
  await storage.close();
  await connector.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
