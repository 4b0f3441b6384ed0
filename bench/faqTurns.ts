import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import { createLogger } from '../src/logging';
import { startTestStorage } from '../test/harness/testStorage';
import { message, newUser } from '../test/harness/activities';
import { load, report, startConnector, startEchoBot, type LoadResult } from './lib';

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

async function main(): Promise<void> {
  const turns = Number(process.env.BENCH_TURNS ?? 2000);
  const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
  const connector = await startConnector();
  const storage = await startTestStorage();
  const echo = await startEchoBot();
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), logger: createLogger('silent'), tables: storage.tables });
  const botUrl = await app.listen(0);
  const users = Array.from({ length: 50 }, (_, i) => newUser({ locale: i % 2 ? 'fr-FR' : 'en-US' }));
  const activity = (i: number) => message(users[i % users.length], connector.url, QUESTIONS[i % QUESTIONS.length]);

  // Warm-up: JIT, table creation, the conversation-reference cache.
  await load(echo.url, activity, 200, concurrency);
  await load(botUrl, activity, 200, concurrency);

  // The machine may be busy with other work: alternate the two bots over several rounds so that
  // both see the same conditions, and report the median round.
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const perRound = Math.ceil(turns / rounds);
  const results: { echo: LoadResult; faq: LoadResult }[] = [];
  for (let round = 0; round < rounds; round += 1) {
    if (round % 2 === 0) {
      const e = await load(echo.url, activity, perRound, concurrency);
      results.push({ echo: e, faq: await load(botUrl, activity, perRound, concurrency) });
    } else {
      const f = await load(botUrl, activity, perRound, concurrency);
      results.push({ faq: f, echo: await load(echo.url, activity, perRound, concurrency) });
    }
  }
  const ratio = (r: { echo: LoadResult; faq: LoadResult }) => r.faq.throughput / r.echo.throughput;
  results.sort((a, b) => ratio(a) - ratio(b));
  console.log(`FAQ turns: ${rounds} rounds of ${perRound} per bot, ${concurrency} in flight, ${QUESTIONS.length} questions in rotation`);
  for (const [i, r] of results.entries()) {
    console.log(`round (sorted) ${i + 1}: throughput ratio ${ratio(r).toFixed(2)}x   p99 ratio ${(r.faq.p99 / r.echo.p99).toFixed(2)}x`);
  }
  const median = results[Math.floor(results.length / 2)];
  console.log('median round:');
  console.log(report('echo bot', median.echo));
  console.log(report('faq', median.faq));
  console.log(`throughput ratio (faq / echo): ${ratio(median).toFixed(2)}x   p99 ratio: ${(median.faq.p99 / median.echo.p99).toFixed(2)}x`);
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
