import { z } from 'zod';
import type { BotRouter } from '../bot/router';
import type { Turn } from '../bot/turn';
import { sendReply } from '../bot/replies';
import type { AdaptiveCard } from '../cards/renderCard';
import { VERBS } from '../cards/verbs';
import { DirectoryNotConfiguredError, DirectoryUnavailableError } from '../directory/directory';
import { isStorageError } from '../storage/storageErrors';
import { CONSENT_OPTIONS, type ConsentOption } from './consentStore';
import { ConsentService } from './consentService';
import { cancelledCard, confirmCard, connectCard, myDataCard, notInScopeCard, revokeConfirmCard, revokedCard, statusCard } from './consentCards';

const optionSchema = z.enum(CONSENT_OPTIONS as [ConsentOption, ...ConsentOption[]]);
/**
 * `for` is the user the card was made for. It never decides whom an action acts on (the sender
 * does); a card pressed by someone else only shows that person their own fresh step.
 */
const forSchema = z.object({ for: z.string().optional() });
const optionActionSchema = forSchema.extend({ option: optionSchema });

type Reply = AdaptiveCard | string;

/** Storage or directory trouble becomes a polite answer; nothing is half written (writes are single transactions). */
async function guarded(turn: Turn, step: () => Promise<Reply>): Promise<Reply> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof DirectoryNotConfiguredError || err instanceof DirectoryUnavailableError) {
      turn.log.error({ err }, 'consent: the directory could not say whether the user is in scope');
      return turn.t('consent.scopeUnknown');
    }
    turn.log.error({ err }, isStorageError(err) ? 'consent: storage unavailable' : 'consent: unexpected error');
    return turn.t(isStorageError(err) ? 'common.storageUnavailable' : 'common.error');
  }
}

const isForSender = (turn: Turn, data: { for?: string }) => data.for !== undefined && data.for.toLowerCase() === turn.sender.aadObjectId;

/** `connect`, `status`, `revoke`, `my data` and the consent cards' buttons. */
export function registerConsent(service: ConsentService): (router: BotRouter) => void {
  const me = (turn: Turn) => turn.sender.aadObjectId;

  /** The walkthrough's first step, or why it is not offered. */
  async function start(turn: Turn): Promise<Reply> {
    const current = await service.current(turn.sender);
    if (current && ConsentService.isCurrent(current)) return statusCard(turn.lang, me(turn), current, turn.t('consent.status.alreadyConnected'));
    const check = await service.checkScope(turn.sender);
    if (!check.inScope) return notInScopeCard(turn.lang, check.reason);
    const renewing = current?.state === 'active';
    return connectCard(turn.lang, me(turn), renewing ? turn.t('consent.connect.renew') : undefined);
  }

  async function choose(turn: Turn, option: ConsentOption): Promise<Reply> {
    const check = await service.checkScope(turn.sender);
    if (!check.inScope) return notInScopeCard(turn.lang, check.reason);
    return confirmCard(turn.lang, option, me(turn));
  }

  async function confirm(turn: Turn, data: { option: ConsentOption; for?: string }): Promise<Reply> {
    // Someone else's confirmation card: show the presser their own, record nothing.
    if (!isForSender(turn, data)) return choose(turn, data.option);
    const result = await service.grant(turn.sender, data.option, turn.lang);
    if (result.outcome === 'outOfScope') return notInScopeCard(turn.lang, result.reason);
    const notice = turn.t(result.outcome === 'granted' ? 'consent.status.justRecorded' : 'consent.status.alreadyConnected');
    return statusCard(turn.lang, me(turn), result.record, notice);
  }

  async function askRevoke(turn: Turn): Promise<Reply> {
    const current = await service.current(turn.sender);
    if (current?.state !== 'active') return statusCard(turn.lang, me(turn), current, turn.t('consent.notConnectedToRevoke'));
    return revokeConfirmCard(turn.lang, me(turn), current);
  }

  async function revoke(turn: Turn, data: { for?: string }): Promise<Reply> {
    if (!isForSender(turn, data)) return askRevoke(turn);
    const result = await service.revoke(turn.sender);
    if (result.outcome === 'ended') return revokedCard(turn.lang, me(turn), result.record);
    // A second press (or a concurrent one) after the revoke: show the same outcome again.
    if (result.record?.state === 'revoked') return revokedCard(turn.lang, me(turn), result.record);
    return statusCard(turn.lang, me(turn), result.record, turn.t('consent.notConnectedToRevoke'));
  }

  async function status(turn: Turn): Promise<Reply> {
    return statusCard(turn.lang, me(turn), await service.current(turn.sender));
  }

  async function myData(turn: Turn): Promise<Reply> {
    const { history, conversation } = await service.myData(turn.sender);
    return myDataCard(turn.lang, turn.sender, history, conversation);
  }

  return (router) => {
    router
      .command('connect', async (turn) => sendReply(turn.context, await guarded(turn, () => start(turn))))
      .command('status', async (turn) => sendReply(turn.context, await guarded(turn, () => status(turn))))
      .command('revoke', async (turn) => sendReply(turn.context, await guarded(turn, () => askRevoke(turn))))
      .command('myData', async (turn) => sendReply(turn.context, await guarded(turn, () => myData(turn))))
      .execute(VERBS.consentStart, forSchema, (turn) => guarded(turn, () => start(turn)))
      .execute(VERBS.consentChoose, optionActionSchema, (turn, data) => guarded(turn, () => choose(turn, data.option)))
      .execute(VERBS.consentConfirm, optionActionSchema, (turn, data) => guarded(turn, () => confirm(turn, data)))
      .execute(VERBS.consentCancel, forSchema, async (turn) => cancelledCard(turn.lang, me(turn)))
      .execute(VERBS.consentRevoke, forSchema, (turn) => guarded(turn, () => askRevoke(turn)))
      .execute(VERBS.consentRevokeConfirm, forSchema, (turn, data) => guarded(turn, () => revoke(turn, data)))
      .execute(VERBS.consentRevokeCancel, forSchema, (turn) => guarded(turn, () => status(turn)));
  };
}
