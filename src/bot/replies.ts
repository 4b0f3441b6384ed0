import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import { cardAttachment, type AdaptiveCard } from '../cards/renderCard';

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(cardAttachment(card)));
}

/** Sends a card, or a plain message for a string. */
export async function sendReply(context: TurnContext, reply: AdaptiveCard | string): Promise<void> {
  if (typeof reply === 'string') await context.sendActivity(reply);
  else await sendCard(context, reply);
}

/**
 * Answers an Action.Execute invoke: a card replaces the one that was pressed (for the presser),
 * a string is shown as a message.
 */
export async function sendInvokeResponse(context: TurnContext, result: AdaptiveCard | string): Promise<void> {
  const body =
    typeof result === 'string'
      ? { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result }
      : { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}
