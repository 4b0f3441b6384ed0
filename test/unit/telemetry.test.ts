import { loadConfig } from '../../src/config';
import { startTelemetry } from '../../src/telemetry/azureMonitor';
import { recordTurnFailure } from '../../src/telemetry/turnFailure';

const CONNECTION_STRING = 'InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/';

/** Records how the app drives @azure/monitor-opentelemetry, in place of loading it. */
function recordingLoader() {
  const calls: Array<{ fn: string; options?: unknown }> = [];
  const load = jest.fn(async () => ({
    useAzureMonitor: (options?: unknown) => void calls.push({ fn: 'useAzureMonitor', options }),
    shutdownAzureMonitor: async () => void calls.push({ fn: 'shutdownAzureMonitor' }),
  }));
  return { load, calls };
}

describe('Application Insights configuration', () => {
  it('reads APPLICATIONINSIGHTS_CONNECTION_STRING, empty meaning off', () => {
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING }).applicationInsightsConnectionString).toBe(CONNECTION_STRING);
    expect(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }).applicationInsightsConnectionString).toBeUndefined();
    expect(loadConfig({}).applicationInsightsConnectionString).toBeUndefined();
  });

  it('does not load Azure Monitor without a connection string', async () => {
    const { load } = recordingLoader();
    expect(await startTelemetry(loadConfig({}), load)).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
  });

  it('starts Azure Monitor with the connection string, and flushes it on shutdown', async () => {
    const { load, calls } = recordingLoader();
    const telemetry = await startTelemetry(loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: CONNECTION_STRING }), load);
    expect(load).toHaveBeenCalledTimes(1);
    expect(calls).toEqual([
      { fn: 'useAzureMonitor', options: { azureMonitorExporterOptions: { connectionString: CONNECTION_STRING }, enableLiveMetrics: false } },
    ]);
    await telemetry!.shutdown();
    expect(calls.at(-1)).toEqual({ fn: 'shutdownAzureMonitor' });
  });

  it('the default loader resolves the real package', async () => {
    const monitor = await import('@azure/monitor-opentelemetry');
    expect(typeof monitor.useAzureMonitor).toBe('function');
    expect(typeof monitor.shutdownAzureMonitor).toBe('function');
  });

  it('recording a turn failure without telemetry does nothing', () => {
    expect(() => recordTurnFailure(new Error('boom'))).not.toThrow();
    expect(() => recordTurnFailure('not an error')).not.toThrow();
  });
});
