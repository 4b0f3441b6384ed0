import type { Config } from '../config';

/** What the app keeps of Azure Monitor once started. */
export interface Telemetry {
  /** Sends what is still buffered, then stops. */
  shutdown(): Promise<void>;
}

type AzureMonitorModule = Pick<typeof import('@azure/monitor-opentelemetry'), 'useAzureMonitor' | 'shutdownAzureMonitor'>;

const loadAzureMonitor = (): Promise<AzureMonitorModule> => import('@azure/monitor-opentelemetry');

/**
 * Starts Application Insights through Azure Monitor OpenTelemetry when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set, and does nothing (not even load the package)
 * otherwise. Incoming HTTP requests become Application Insights requests (failed when 5xx),
 * calls to Azure SDK clients (the tables) become dependencies, and failed turns are recorded
 * as exceptions (recordTurnFailure).
 *
 * Call it before the HTTP server's modules are loaded: the HTTP instrumentation hooks
 * `node:http` as modules require it.
 */
export async function startTelemetry(
  config: Pick<Config, 'applicationInsightsConnectionString'>,
  load: () => Promise<AzureMonitorModule> = loadAzureMonitor,
): Promise<Telemetry | undefined> {
  const connectionString = config.applicationInsightsConnectionString;
  if (!connectionString) return undefined;
  const monitor = await load();
  monitor.useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    // Live Metrics keeps a connection of its own open; requests and failures do not need it.
    enableLiveMetrics: false,
  });
  return { shutdown: () => monitor.shutdownAzureMonitor() };
}
