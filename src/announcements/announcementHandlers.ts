import { z } from 'zod';
import type { BotRouter } from '../bot/router';
import type { Turn } from '../bot/turn';
import { sendCard } from '../bot/replies';
import { VERBS } from '../cards/verbs';
import type { AuditLog } from '../audit/auditLog';
import type { GroupLookup } from '../admin/groupLookup';
import { refuseUnlessAdmin } from '../admin/adminGuard';
import { describeGroupResolution } from '../admin/groupReplies';
import { noticeCard } from '../admin/adminCards';
import type { AnnouncementService } from './announcementService';
import type { AnnouncementTarget } from './announcementStore';
import { previewCard, progressCard } from './announcementCards';

export interface AnnouncementHandlerDeps {
  announcements: AnnouncementService;
  groups: GroupLookup;
  audit: AuditLog;
  ratePerSec: number;
}

const sendSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('all') }),
  z.object({ target: z.literal('group'), groupId: z.string().min(1).max(200) }),
]);

/** `admin announce all|group <g>|cancel`, the preview's Send and Cancel, and the announcement's Ask button. */
export function registerAnnouncements(deps: AnnouncementHandlerDeps) {
  return (router: BotRouter): void => {
    const preview = async (turn: Turn, target: AnnouncementTarget) => {
      const running = await deps.announcements.runningJob(turn.sender.tenantId);
      if (running) {
        await turn.context.sendActivity(turn.t('announce.busy', { done: running.sent + running.failed + running.unreachable, total: running.total }));
        return;
      }
      const count = await deps.announcements.countRecipients(turn.sender.tenantId, target);
      if (count === 0) {
        await turn.context.sendActivity(turn.t('announce.nobody'));
        return;
      }
      await sendCard(turn.context, previewCard(turn.lang, target, count, deps.ratePerSec));
    };

    router.command('adminAnnounceAll', (turn) => preview(turn, { kind: 'all' }));

    router.command('adminAnnounceGroup', async (turn, arg) => {
      const resolution = await deps.groups.resolve(turn.sender.tenantId, arg ?? '');
      if (resolution.kind !== 'found') {
        await turn.context.sendActivity(describeGroupResolution(turn, arg ?? '', resolution));
        return;
      }
      await preview(turn, { kind: 'group', groupId: resolution.group.id, groupName: resolution.group.displayName });
    });

    router.command('adminAnnounceCancel', async (turn) => {
      const job = await deps.announcements.cancel(turn.sender.tenantId, turn.sender.aadObjectId);
      await turn.context.sendActivity(
        job ? turn.t('announce.cancel.done', { sent: job.sent, total: job.total }) : turn.t('announce.cancel.none'),
      );
    });

    router.execute(VERBS.announcementSend, sendSchema, async (turn, data) => {
      const refusal = await refuseUnlessAdmin(turn, deps.audit, 'announcement.send');
      if (refusal) return refusal;
      let target: AnnouncementTarget = { kind: 'all' };
      if (data.target === 'group') {
        const group = await deps.groups.get(turn.sender.tenantId, data.groupId);
        if (!group) return turn.t('admin.group.none', { query: data.groupId });
        target = { kind: 'group', groupId: group.id, groupName: group.displayName };
      }
      const a = turn.context.activity;
      const result = await deps.announcements.start({
        tenantId: turn.sender.tenantId,
        actor: turn.sender.aadObjectId,
        target,
        // The pressed card is replaced by the progress card, which the worker then updates in place.
        ...(a.replyToId
          ? { progressCard: { serviceUrl: a.serviceUrl, conversationId: a.conversation.id, userId: a.from.id, botId: a.recipient?.id ?? '', activityId: a.replyToId, lang: turn.lang } }
          : {}),
      });
      if (result.kind === 'busy') {
        return turn.t('announce.busy', { done: result.job.sent + result.job.failed + result.job.unreachable, total: result.job.total });
      }
      if (result.kind === 'noGroup') return turn.t('admin.group.none', { query: target.kind === 'group' ? target.groupId : '' });
      turn.log.info({ jobId: result.job.id, recipients: result.job.total }, 'announcement started');
      return progressCard(result.job, turn.lang);
    });

    router.execute(VERBS.announcementDiscard, z.object({}).passthrough(), async (turn) => {
      const refusal = await refuseUnlessAdmin(turn, deps.audit, 'announcement.discard');
      return refusal ?? noticeCard(turn.t('announce.preview.title'), turn.t('announce.discarded'));
    });

    router.submit(VERBS.announcementAsk, z.object({}).passthrough(), async (turn) => {
      await turn.context.sendActivity(turn.t('announce.askPrompt'));
    });
  };
}
