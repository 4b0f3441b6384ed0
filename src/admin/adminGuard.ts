import type { AuditLog } from '../audit/auditLog';
import type { Turn } from '../bot/turn';

/**
 * Card verbs can be pressed by anyone the card reaches (a forwarded card, forged data), so every
 * admin verb checks the sender again. A refusal is audited and answered politely.
 */
export async function refuseUnlessAdmin(turn: Turn, audit: AuditLog, attempted: string): Promise<string | undefined> {
  if (turn.isAdmin) return undefined;
  await recordRefusal(turn, audit, attempted);
  return turn.t('common.adminOnly');
}

export async function recordRefusal(turn: Turn, audit: AuditLog, attempted: string): Promise<void> {
  try {
    await audit.record({ tenantId: turn.sender.tenantId, actor: turn.sender.aadObjectId, action: 'admin.refused', detail: attempted });
  } catch (err) {
    // The refusal itself matters more than its audit row; log loudly instead.
    turn.log.error({ err, attempted }, 'could not audit a refused admin attempt');
  }
}
