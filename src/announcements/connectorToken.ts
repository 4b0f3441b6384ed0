import type { TeamsAdapter } from '@microsoft/teams-ai';
import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication, type ConnectorFactory } from 'botframework-connector';
import type { ConnectorTokenProvider } from './connectorSender';

/**
 * Bearer tokens for proactive calls, from the same app registration (secret, certificate or managed
 * identity) the adapter uses; none in no-auth local mode.
 */
export function adapterTokenProvider(adapter: TeamsAdapter, appId: string | undefined): ConnectorTokenProvider {
  if (!appId) return async () => undefined;
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const identity = new ClaimsIdentity(
    [
      { type: AuthenticationConstants.AudienceClaim, value: appId },
      { type: AuthenticationConstants.AppIdClaim, value: appId },
    ],
    true,
  );
  let factory: ConnectorFactory | undefined;
  return async (serviceUrl) => {
    factory ??= auth.createConnectorFactory(identity);
    const client = await factory.create(serviceUrl, AuthenticationConstants.ToChannelFromBotOAuthScope);
    // The credentials cache their token and refresh it before it expires.
    const credentials = client.credentials as unknown as { getToken?: (forceRefresh?: boolean) => Promise<string> };
    return credentials.getToken ? await credentials.getToken(false) : undefined;
  };
}
