import { ConfigError, loadConfig, readEnvironment } from './config';
import { createApp } from './app';

/** Reads the configuration, builds the app and listens; everything else lives in createApp. */
async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  const app = await createApp({ config });
  const url = await app.listen();
  app.logger.info({ url }, `bot listening: POST ${url}/api/messages`);

  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // One clear line for configuration mistakes; a stack trace for anything unexpected.
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
