import { randomUUID } from 'node:crypto';
import type { ConversationRecord } from '../../src/conversations/conversationStore';

/** A Teams user in a 1:1 chat with the bot. */
export interface TestUser {
  tenantId: string;
  aadObjectId: string;
  /** Channel account id, as Teams gives it (29:...). */
  id: string;
  name: string;
  locale: string;
  conversationId: string;
}

export const BOT_ACCOUNT = { id: '28:test-bot-app-id', name: 'LinkedIn Connections Assistant' };
export const DEFAULT_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

export function newUser(overrides: Partial<TestUser> = {}): TestUser {
  const aadObjectId = overrides.aadObjectId ?? randomUUID();
  return {
    tenantId: DEFAULT_TENANT,
    aadObjectId,
    id: `29:${aadObjectId.replace(/-/g, '')}`,
    name: 'Test User',
    locale: 'en-US',
    conversationId: `a:1${aadObjectId.replace(/-/g, '')}`,
    ...overrides,
  };
}

type Activity = Record<string, unknown>;

/** The fields every activity Teams sends to a bot in a personal chat carries. */
function base(user: TestUser, serviceUrl: string, type: string): Activity {
  return {
    type,
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: user.tenantId, id: user.conversationId },
    recipient: BOT_ACCOUNT,
    channelData: { tenant: { id: user.tenantId } },
    locale: user.locale,
    entities: [{ type: 'clientInfo', locale: user.locale, country: 'US', platform: 'Web', timezone: 'Europe/Paris' }],
  };
}

export function message(user: TestUser, serviceUrl: string, text: string): Activity {
  return { ...base(user, serviceUrl, 'message'), text, textFormat: 'plain' };
}

/** What Teams posts when a user presses an Action.Submit button: a message with a value and no text. */
export function submit(user: TestUser, serviceUrl: string, value: Record<string, unknown>, replyToId = 'card-activity-1'): Activity {
  return { ...base(user, serviceUrl, 'message'), value, replyToId, channelData: { tenant: { id: user.tenantId }, postBack: true } };
}

/** What Teams posts when a user presses an Action.Execute button (Universal Actions). */
export function execute(user: TestUser, serviceUrl: string, verb: string, data: Record<string, unknown> = {}, replyToId = 'card-activity-1'): Activity {
  return {
    ...base(user, serviceUrl, 'invoke'),
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } }, trigger: 'manual' },
  };
}

export function botInstalled(user: TestUser, serviceUrl: string): Activity {
  return { ...base(user, serviceUrl, 'conversationUpdate'), membersAdded: [{ id: BOT_ACCOUNT.id }] };
}

export function installationUpdate(user: TestUser, serviceUrl: string, action: 'add' | 'remove'): Activity {
  return { ...base(user, serviceUrl, 'installationUpdate'), action };
}

/** The conversation reference the bot keeps once `user` has installed it (for seeding stores). */
export function installedReference(user: TestUser, serviceUrl: string, overrides: Partial<ConversationRecord> = {}): ConversationRecord {
  return {
    tenantId: user.tenantId,
    userAadObjectId: user.aadObjectId,
    userId: user.id,
    conversationId: user.conversationId,
    serviceUrl,
    channelId: 'msteams',
    botId: BOT_ACCOUNT.id,
    locale: user.locale.toLowerCase().startsWith('fr') ? 'fr' : 'en',
    installed: true,
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}
