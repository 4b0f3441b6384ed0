import { TeamsAdapter } from '@microsoft/teams-ai';
import { ActivityTypes, CallerIdConstants, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logging';
import { langFromLocale, translator } from '../i18n/i18n';
import { sendInvokeResponse } from './replies';
import { botCredentialsFactory } from '../azure/credentials';
import { recordTurnFailure } from '../telemetry/turnFailure';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';

/**
 * Overriding one endpoint makes botbuilder drop all its public-cloud defaults, so the others are
 * restated here.
 */
function publicCloudWithSigningKeysAt(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/**
 * The Bot Framework adapter. With a bot id it validates every incoming token (401 otherwise);
 * without one it runs in no-auth local mode, which the server only exposes on loopback.
 */
export function createAdapter(config: Config, logger: Logger, openIdMetadataUrl?: string): TeamsAdapter {
  const adapter = config.bot.appId
    ? new TeamsAdapter(
        {
          MicrosoftAppId: config.bot.appId,
          MicrosoftAppPassword: config.bot.appPassword,
          MicrosoftAppType: config.bot.appType,
          MicrosoftAppTenantId: config.bot.tenantId,
          ...(openIdMetadataUrl ? publicCloudWithSigningKeysAt(openIdMetadataUrl) : {}),
        },
        // UserAssignedMSI: outgoing calls get their tokens from the managed identity.
        botCredentialsFactory(config),
      )
    : new TeamsAdapter({});

  rejectBadSignaturesAsUnauthorized(adapter);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityId: context.activity.id, activityType: context.activity.type }, 'turn failed');
    recordTurnFailure(error);
    const t = translator(langFromLocale(context.activity.locale));
    try {
      if (context.activity.type === ActivityTypes.Invoke) {
        await sendInvokeResponse(context, t('common.error'));
      } else if (context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(t('common.error'));
      }
    } catch (sendError) {
      logger.warn({ err: sendError }, 'could not tell the user about the failure');
    }
  };
  return adapter;
}

/**
 * botbuilder lets a token with a bad signature or bad dates escape as a plain JsonWebTokenError,
 * which CloudAdapter answers with 500. A forged token is the caller's fault: answer 401.
 */
function rejectBadSignaturesAsUnauthorized(adapter: TeamsAdapter): void {
  const auth = (adapter as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication }).botFrameworkAuthentication;
  const authenticate = auth.authenticateRequest.bind(auth);
  auth.authenticateRequest = async (...args: Parameters<BotFrameworkAuthentication['authenticateRequest']>) => {
    try {
      return await authenticate(...args);
    } catch (err) {
      const name = (err as Error)?.name;
      if (name === 'JsonWebTokenError' || name === 'TokenExpiredError' || name === 'NotBeforeError') {
        throw new AuthenticationError(`Unauthorized: ${(err as Error).message}`, 401);
      }
      throw err;
    }
  };
}
