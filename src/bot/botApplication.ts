import { ActivityTypes, type TurnContext } from 'botbuilder';
import { Application, TeamsAdapter, type TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../logging';
import { langFromLocale, translator } from '../i18n/i18n';
import { BotRouter } from './router';
import { senderOf, type Turn } from './turn';
import type { ConversationTracker } from '../conversations/conversationTracker';
import { conversationRecordFrom } from '../conversations/conversationReference';
import { sendWelcome } from '../welcome/welcomeHandlers';

export interface BotDeps {
  adapter: TeamsAdapter;
  logger: Logger;
  conversations: ConversationTracker;
  adminAadObjectIds: readonly string[];
  allowedTenantIds: readonly string[];
  clock: () => Date;
  /** Each feature adds its commands, card verbs and question handler. */
  features: ReadonlyArray<(router: BotRouter) => void>;
}

export interface Bot {
  /** Runs one incoming activity through tenant filtering and the routes. */
  handle(context: TurnContext): Promise<void>;
  readonly router: BotRouter;
}

const TURN_KEY = Symbol('turn');

export function createBot(deps: BotDeps): Bot {
  const app = new Application<TurnState>({
    adapter: deps.adapter,
    // The typing timer of teams-ai v1 is shared by all concurrent turns; replies here are immediate anyway.
    startTypingTimer: false,
    longRunningMessages: false,
    removeRecipientMention: true,
  });
  const admins = new Set(deps.adminAadObjectIds);

  const makeTurn = (context: TurnContext): Turn | undefined => {
    const cached = context.turnState.get(TURN_KEY) as Turn | undefined;
    if (cached) return cached;
    const sender = senderOf(context);
    if (!sender) return undefined;
    const lang = langFromLocale(context.activity.locale);
    const turn: Turn = {
      context,
      lang,
      t: translator(lang),
      log: deps.logger.child({ activityId: context.activity.id, activityType: context.activity.type }),
      sender,
      isAdmin: admins.has(sender.aadObjectId),
    };
    context.turnState.set(TURN_KEY, turn);
    return turn;
  };

  const router = new BotRouter();
  for (const register of deps.features) register(router);

  app.conversationUpdate('membersAdded', async (context) => {
    const turn = makeTurn(context);
    const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient?.id);
    if (!turn || !botAdded) return;
    await rememberConversation(turn);
    await sendWelcome(turn);
  });
  app.conversationUpdate('membersRemoved', async (context) => {
    const turn = makeTurn(context);
    const botRemoved = context.activity.membersRemoved?.some((m) => m.id === context.activity.recipient?.id);
    if (turn && botRemoved) await deps.conversations.uninstalled(turn.sender.tenantId, turn.sender.aadObjectId, deps.clock().toISOString());
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const turn = makeTurn(context);
    if (!turn) return;
    // "add"/"add-upgrade" and "remove"/"remove-upgrade": the welcome itself comes with conversationUpdate.
    if (String(context.activity.action ?? '').startsWith('remove')) {
      await deps.conversations.uninstalled(turn.sender.tenantId, turn.sender.aadObjectId, deps.clock().toISOString());
    } else {
      await rememberConversation(turn);
    }
  });

  async function rememberConversation(turn: Turn): Promise<void> {
    const record = conversationRecordFrom(turn.context, turn.sender, turn.lang, deps.clock());
    if (record) await deps.conversations.seen(record);
  }

  // Keep the reference current on messages too (no write unless something changed).
  app.turn('beforeTurn', async (context) => {
    if (context.activity.type !== ActivityTypes.Message) return true;
    const turn = makeTurn(context);
    if (!turn) return true;
    try {
      await rememberConversation(turn);
    } catch (err) {
      // Answering the user matters more than refreshing the reference; the next message retries.
      turn.log.warn({ err }, 'could not refresh the conversation reference');
    }
    return true;
  });

  router.install(app, makeTurn);

  return {
    router,
    async handle(context) {
      const sender = senderOf(context);
      const tenantId = sender?.tenantId;
      if (deps.allowedTenantIds.length > 0 && (!tenantId || !deps.allowedTenantIds.includes(tenantId))) {
        deps.logger.warn({ tenantId, activityId: context.activity.id }, 'activity from a tenant that is not allowed: ignored');
        return;
      }
      if (!sender && context.activity.type === ActivityTypes.Message) {
        await context.sendActivity(translator(langFromLocale(context.activity.locale))('common.teamsOnly'));
        return;
      }
      await app.run(context);
    },
  };
}
