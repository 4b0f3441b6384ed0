import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startTestStorage } from '../test/harness/testStorage';
import { message, newUser } from '../test/harness/activities';
import { load, report, startConnector, startEchoBot } from './lib';

/**
 * `help` turns through the whole bot (HTTP, auth pipeline, teams-ai routing, card rendering,
 * connector reply) against a minimal teams-ai echo bot in the same process.
 */
async function main(): Promise<void> {
  const turns = Number(process.env.BENCH_TURNS ?? 2000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const connector = await startConnector();
  const storage = await startTestStorage();
  const echo = await startEchoBot();
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), tables: storage.tables });
  const botUrl = await app.listen(0);
  const users = Array.from({ length: 50 }, () => newUser());
  const activity = (i: number) => message(users[i % users.length], connector.url, 'help');

  // Warm-up: JIT, table creation, the conversation-reference cache.
  await load(echo.url, activity, 200, concurrency);
  await load(botUrl, activity, 200, concurrency);

  const baseline = await load(echo.url, activity, turns, concurrency);
  const bot = await load(botUrl, activity, turns, concurrency);
  console.log(`help turns: ${turns} per run, ${concurrency} in flight`);
  console.log(report('echo bot', baseline));
  console.log(report('help', bot));
  console.log(`throughput ratio (help / echo): ${(bot.throughput / baseline.throughput).toFixed(2)}x   p99 ratio: ${(bot.p99 / baseline.p99).toFixed(2)}x`);
  console.log(`rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB`);

  await app.close();
  await echo.close();
  await storage.close();
  await connector.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
