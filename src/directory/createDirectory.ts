import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { Config } from '../config';
import { NoDirectory, type Directory } from './directory';
import { FileDirectory } from './fileDirectory';
import { GraphDirectory } from './graphDirectory';

/**
 * The app-only credential of the bot's own registration, when it can reach Microsoft Graph: a
 * client secret with a known tenant, or the user-assigned managed identity.
 */
export function graphCredential(config: Config): TokenCredential | undefined {
  const { appId, appPassword, appType, tenantId } = config.bot;
  if (!appId || !tenantId) return undefined;
  if (appType === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: appId });
  if (appPassword) return new ClientSecretCredential(tenantId, appId, appPassword);
  return undefined;
}

/** Microsoft Graph when the bot's credentials allow it, else DIRECTORY_FILE, else no directory. */
export function createDirectory(config: Config): Directory {
  const credential = graphCredential(config);
  if (credential) return new GraphDirectory({ credential });
  if (config.directoryFile) return FileDirectory.load(config.directoryFile);
  return new NoDirectory();
}
