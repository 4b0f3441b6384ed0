import { z } from 'zod';
import type { BotRouter } from '../bot/router';
import type { Turn } from '../bot/turn';
import { sendReply } from '../bot/replies';
import type { AdaptiveCard } from '../cards/renderCard';
import { VERBS } from '../cards/verbs';
import type { AuditLog } from '../audit/auditLog';
import { DirectoryNotConfiguredError, DirectoryUnavailableError } from '../directory/directory';
import { isStorageError } from '../storage/storageErrors';
import type { IntegrationScope } from '../scope/integrationScope';
import { AdminService, GroupNotFoundError } from './adminService';
import type { GroupLookup } from './groupLookup';
import { describeGroupResolution } from './groupReplies';
import { recordRefusal, refuseUnlessAdmin } from './adminGuard';
import { adminStatusCard, auditCard, noticeCard, scopeConfirmCard, scopeLabel } from './adminCards';

export interface AdminHandlerDeps {
  admin: AdminService;
  groups: GroupLookup;
  audit: AuditLog;
}

/** How many audit entries `admin audit` shows. */
const AUDIT_ENTRIES = 20;

const changeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('all') }),
  z.object({ mode: z.literal('off') }),
  z.object({ mode: z.literal('group'), groupId: z.string().min(1).max(200) }),
]);

type Reply = AdaptiveCard | string;

/** Directory and storage trouble become a polite answer. */
async function guarded(turn: Turn, step: () => Promise<Reply>): Promise<Reply> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof DirectoryNotConfiguredError) return turn.t('admin.directory.none');
    if (err instanceof DirectoryUnavailableError) return turn.t('admin.directory.down');
    if (err instanceof GroupNotFoundError) return turn.t('admin.group.none', { query: err.groupId });
    turn.log.error({ err }, isStorageError(err) ? 'admin: storage unavailable' : 'admin: unexpected error');
    return turn.t(isStorageError(err) ? 'common.storageUnavailable' : 'common.error');
  }
}

async function reply(turn: Turn, step: () => Promise<Reply>): Promise<void> {
  await sendReply(turn.context, await guarded(turn, step));
}

/** `admin status`, `admin enable ...`, `admin disable`, `admin audit`, their card verbs, and refusals. */
export function registerAdmin(deps: AdminHandlerDeps) {
  return (router: BotRouter): void => {
    const tenant = (turn: Turn) => turn.sender.tenantId;

    router.onAdminRefused(async (turn, command) => {
      await recordRefusal(turn, deps.audit, command);
      await turn.context.sendActivity(turn.t('common.adminOnly'));
    });

    router.command('adminStatus', (turn) => reply(turn, async () => adminStatusCard(turn.lang, await deps.admin.overview(tenant(turn)))));

    const confirm = (turn: Turn, target: IntegrationScope) => reply(turn, async () => scopeConfirmCard(turn.lang, await deps.admin.plan(tenant(turn), target)));
    router.command('adminEnableAll', (turn) => confirm(turn, { mode: 'all' }));
    router.command('adminDisable', (turn) => confirm(turn, { mode: 'off' }));
    router.command('adminEnableGroup', (turn, arg) =>
      reply(turn, async () => {
        const resolution = await deps.groups.resolve(tenant(turn), arg ?? '');
        if (resolution.kind !== 'found') return describeGroupResolution(turn, arg ?? '', resolution);
        const { id, displayName } = resolution.group;
        return scopeConfirmCard(turn.lang, await deps.admin.plan(tenant(turn), { mode: 'group', groupId: id, groupName: displayName }));
      }),
    );

    router.command('adminAudit', (turn) => reply(turn, async () => auditCard(turn.lang, await deps.audit.latest(tenant(turn), AUDIT_ENTRIES))));

    router.execute(VERBS.adminScopeConfirm, changeSchema, (turn, data) =>
      guarded(turn, async () => {
        // The card's data says only which scope; who may apply it is the sender, checked again here.
        const refusal = await refuseUnlessAdmin(turn, deps.audit, `scope.${data.mode}`);
        if (refusal) return refusal;
        let target: IntegrationScope;
        if (data.mode === 'group') {
          const group = await deps.groups.get(tenant(turn), data.groupId);
          if (!group) return turn.t('admin.group.none', { query: data.groupId });
          target = { mode: 'group', groupId: group.id, groupName: group.displayName };
        } else {
          target = { mode: data.mode };
        }
        const result = await deps.admin.apply(tenant(turn), target, turn.sender.aadObjectId);
        turn.log.info({ scope: target.mode, withdrawn: result.withdrawn }, 'admin: scope changed');
        const notice = turn.t('admin.applied', { scope: scopeLabel(turn.lang, target), withdrawn: result.withdrawn });
        return adminStatusCard(turn.lang, await deps.admin.overview(tenant(turn)), notice);
      }),
    );

    router.execute(VERBS.adminScopeCancel, z.object({}).passthrough(), async (turn) => {
      const refusal = await refuseUnlessAdmin(turn, deps.audit, 'scope.cancel');
      return refusal ?? noticeCard(turn.t('admin.status.title'), turn.t('admin.confirm.cancelled'));
    });
  };
}
