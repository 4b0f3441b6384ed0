import { DefaultAzureCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import {
  ManagedIdentityServiceClientCredentialsFactory,
  type IJwtTokenProviderFactory,
  type ServiceClientCredentialsFactory,
} from 'botframework-connector';
import type { Config } from '../config';

/**
 * Hands botbuilder a ManagedIdentityCredential for the bot's managed identity.
 *
 * botbuilder 4.23 handles `MicrosoftAppType: UserAssignedMSI` with
 * ManagedIdentityServiceClientCredentialsFactory(appId, JwtTokenProviderFactory), whose provider
 * is a DefaultAzureCredential: on a machine with AZURE_* variables or a signed-in Azure CLI it
 * would quietly use another identity. This factory asks the managed identity only, with the
 * bot id as its client id. botbuilder types the provider as DefaultAzureCredential but only
 * calls getToken(), which every TokenCredential has.
 */
export class ManagedIdentityTokenProviderFactory implements IJwtTokenProviderFactory {
  createAzureServiceTokenProvider(appId: string): ReturnType<IJwtTokenProviderFactory['createAzureServiceTokenProvider']> {
    return new ManagedIdentityCredential({ clientId: appId }) as unknown as ReturnType<IJwtTokenProviderFactory['createAzureServiceTokenProvider']>;
  }
}

/**
 * The credentials factory for outgoing Bot Framework calls, or undefined to let botbuilder
 * build its own from the app id and password (MultiTenant, SingleTenant, no-auth local mode).
 */
export function botCredentialsFactory(config: Config): ServiceClientCredentialsFactory | undefined {
  if (config.bot.appType !== 'UserAssignedMSI' || !config.bot.appId) return undefined;
  return new ManagedIdentityServiceClientCredentialsFactory(config.bot.appId, new ManagedIdentityTokenProviderFactory());
}

/**
 * The identity that reaches the Storage tables through STORAGE_ACCOUNT_URL: in Azure, the
 * bot's user-assigned managed identity (the same one, granted Storage Table Data Contributor);
 * elsewhere (a developer pointing at a real account), whatever DefaultAzureCredential finds,
 * such as `az login`.
 */
export function storageCredential(config: Config): TokenCredential {
  if (config.bot.appType === 'UserAssignedMSI' && config.bot.appId) return new ManagedIdentityCredential({ clientId: config.bot.appId });
  return new DefaultAzureCredential();
}
