import { ConfigError, loadConfig, readEnvironment } from './config';
import { startTelemetry } from './telemetry/azureMonitor';

/** Reads the configuration, builds the app and listens; everything else lives in createApp. */
async function main(): Promise<void> {
  const config = loadConfig(readEnvironment());
  // Before the app's modules load, so that the HTTP instrumentation sees them; nothing is
  // loaded when Application Insights is not configured.
  const telemetry = await startTelemetry(config);
  const { createApp } = await import('./app');
  const app = await createApp({ config });
  if (telemetry) app.logger.info('Application Insights: reporting requests and failures');
  const url = await app.listen();
  app.logger.info({ url }, `bot listening: POST ${url}/api/messages`);

  // SIGTERM (App Service restarting, scaling in or deploying) or Ctrl+C: finish what is running,
  // then exit. A second signal means "now".
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      app.logger.warn({ signal }, 'second signal during shutdown: exiting now');
      process.exit(1);
    }
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    app
      .close()
      // Losing the last telemetry batch is no reason to report a failed stop.
      .then(() => telemetry?.shutdown().catch((err: unknown) => app.logger.warn({ err }, 'could not flush telemetry')))
      .then(
        () => {
          app.logger.info('stopped');
          process.exit(0);
        },
        (err) => {
          app.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  // One clear line for configuration mistakes; a stack trace for anything unexpected.
  process.stderr.write(err instanceof ConfigError ? `${err.message}\n` : `${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
