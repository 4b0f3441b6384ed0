import type { TurnContext } from 'botbuilder';
import type { Sender } from '../bot/turn';
import type { Lang } from '../i18n/lang';
import type { ConversationRecord } from './conversationStore';

/** The record to keep for a 1:1 conversation, or undefined for group chats and channels. */
export function conversationRecordFrom(context: TurnContext, sender: Sender, lang: Lang, now: Date): ConversationRecord | undefined {
  const a = context.activity;
  const conversationType = a.conversation?.conversationType;
  if (conversationType && conversationType !== 'personal') return undefined;
  return {
    tenantId: sender.tenantId,
    userAadObjectId: sender.aadObjectId,
    userId: sender.userId,
    conversationId: a.conversation.id,
    serviceUrl: a.serviceUrl,
    channelId: a.channelId,
    botId: a.recipient?.id ?? '',
    locale: lang,
    installed: true,
    updatedAt: now.toISOString(),
  };
}
