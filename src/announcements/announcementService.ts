import type { AuditLog } from '../audit/auditLog';
import type { ConversationRecord, ConversationStore } from '../conversations/conversationStore';
import type { GroupLookup } from '../admin/groupLookup';
import { AnnouncementStore, type AnnouncementJob, type AnnouncementTarget, type ProgressCardAddress } from './announcementStore';
import type { RecipientSource } from './announcementWorker';

export interface StartRequest {
  tenantId: string;
  actor: string;
  target: AnnouncementTarget;
  progressCard?: ProgressCardAddress;
}

export type StartResult = { kind: 'started'; job: AnnouncementJob } | { kind: 'busy'; job: AnnouncementJob } | { kind: 'noGroup' };

const running = (job: AnnouncementJob) => job.state === 'preparing' || job.state === 'sending';

/** Who gets an announcement, and starting, cancelling and reporting jobs (the worker delivers them). */
export class AnnouncementService {
  constructor(
    private readonly store: AnnouncementStore,
    private readonly conversations: ConversationStore,
    private readonly groups: GroupLookup,
    private readonly audit: AuditLog,
    private readonly clock: () => Date,
    /** Called when a job is created, so delivery starts without waiting for the next poll. */
    private readonly onJobCreated: () => void,
  ) {}

  /** Every installed conversation of the tenant, or those of one group's members. */
  readonly recipients: RecipientSource = (tenantId, target) => this.listRecipients(tenantId, target);

  private async *listRecipients(tenantId: string, target: AnnouncementTarget): AsyncIterable<ConversationRecord> {
    const members = target.kind === 'group' ? await this.groups.members(tenantId, target.groupId) : undefined;
    if (target.kind === 'group' && !members) return;
    for await (const record of this.conversations.list(tenantId)) {
      if (record.installed && (!members || members.has(record.userAadObjectId.toLowerCase()))) yield record;
    }
  }

  async countRecipients(tenantId: string, target: AnnouncementTarget): Promise<number> {
    let count = 0;
    for await (const _ of this.listRecipients(tenantId, target)) count++;
    return count;
  }

  async runningJob(tenantId: string): Promise<AnnouncementJob | undefined> {
    for await (const job of this.store.jobsOf(tenantId)) if (running(job)) return job;
    return undefined;
  }

  latestJob(tenantId: string): Promise<AnnouncementJob | undefined> {
    return this.store.latestJob(tenantId);
  }

  /** Records the job; the worker lists its recipients and delivers. One job per tenant at a time. */
  async start(request: StartRequest): Promise<StartResult> {
    const busy = await this.runningJob(request.tenantId);
    if (busy) return { kind: 'busy', job: busy };
    if (request.target.kind === 'group' && !(await this.groups.get(request.tenantId, request.target.groupId))) return { kind: 'noGroup' };
    const now = this.clock();
    const total = await this.countRecipients(request.tenantId, request.target);
    const id = AnnouncementStore.newJobId(now.getTime());
    // Two Sends at once (two admins, two instances): only the slot's holder creates a job.
    const holder = await this.store.claimTenantSlot(request.tenantId, id, now, running);
    if (holder !== id) return { kind: 'busy', job: await this.awaitJob(holder) };
    const job = await this.store.createJob({
      id,
      tenantId: request.tenantId,
      createdBy: request.actor,
      createdAt: now.toISOString(),
      target: request.target,
      state: 'preparing',
      total,
      sent: 0,
      failed: 0,
      unreachable: 0,
      ...(request.progressCard ? { progressCard: request.progressCard } : {}),
    });
    await this.audit.record({
      tenantId: request.tenantId,
      actor: request.actor,
      action: 'announcement.started',
      after: describeTarget(request.target),
      detail: `${job.id} recipients=${total}`,
    });
    this.onJobCreated();
    return { kind: 'started', job };
  }

  /** The job another Send has just claimed the slot for (its row follows the claim within moments). */
  private async awaitJob(id: string): Promise<AnnouncementJob> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const job = await this.store.getJob(id);
      if (job) return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`announcement ${id} holds the slot but was never written`);
  }

  /** Stops the running job; the worker writes its final figures. Undefined when none is running. */
  async cancel(tenantId: string, actor: string): Promise<AnnouncementJob | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const job = await this.runningJob(tenantId);
      if (!job) return undefined;
      const patch = { state: 'cancelled' as const, cancelledBy: actor };
      const etag = await this.store.updateJobIfUnchanged(job.id, job.etag, patch);
      if (etag !== undefined) {
        await this.audit.record({ tenantId, actor, action: 'announcement.cancelled', before: job.state, after: 'cancelled', detail: `${job.id} sent=${job.sent} of ${job.total}` });
        return { ...job, ...patch, etag };
      }
    }
    throw new Error('could not cancel the announcement: its record kept changing');
  }
}

export function describeTarget(target: AnnouncementTarget): string {
  return target.kind === 'all' ? 'all' : `group:${target.groupId} (${target.groupName})`;
}
