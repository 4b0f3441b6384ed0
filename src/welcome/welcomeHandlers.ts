import type { BotRouter } from '../bot/router';
import { sendCard } from '../bot/replies';
import type { Turn } from '../bot/turn';
import { helpCard, welcomeCard } from './welcomeCards';

/** `help` / `aide`, and the fresh card offered when an old card is pressed. */
export function registerWelcome(router: BotRouter): void {
  router.command('help', (turn) => sendCard(turn.context, helpCard(turn.lang, turn.isAdmin)));
  router.outdatedCard((turn: Turn) => helpCard(turn.lang, turn.isAdmin, turn.t('common.cardOutdated')));
}

export async function sendWelcome(turn: Turn): Promise<void> {
  await sendCard(turn.context, welcomeCard(turn.lang));
}
