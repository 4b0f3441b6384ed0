import type { TurnContext } from 'botbuilder';
import type { Lang } from '../i18n/lang';
import { translator, type Translate } from '../i18n/i18n';
import type { Logger } from '../logging';

/** Who sent the activity. Always read from the activity itself, never from card data or text. */
export interface Sender {
  tenantId: string;
  aadObjectId: string;
  /** Channel account id (29:...), used to address the user proactively. */
  userId: string;
}

/** What every handler gets: the raw context plus what the bot worked out about this turn. */
export interface Turn {
  readonly context: TurnContext;
  /** The client's language; the FAQ may answer in the question's language instead. */
  readonly lang: Lang;
  readonly t: Translate;
  readonly log: Logger;
  readonly sender: Sender;
  readonly isAdmin: boolean;
}

/** Identity of the sender as Teams states it; undefined when the activity carries none. */
export function senderOf(context: TurnContext): Sender | undefined {
  const a = context.activity;
  const tenantId = (a.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? a.conversation?.tenantId;
  const aadObjectId = a.from?.aadObjectId;
  if (!tenantId || !aadObjectId || !a.from?.id) return undefined;
  return { tenantId: tenantId.toLowerCase(), aadObjectId: aadObjectId.toLowerCase(), userId: a.from.id };
}

/** The same turn, answered in another language (the question's, when it is clear). */
export function inLanguage(turn: Turn, lang: Lang): Turn {
  return lang === turn.lang ? turn : { ...turn, lang, t: translator(lang) };
}
