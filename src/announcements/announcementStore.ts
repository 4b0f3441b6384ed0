import { randomBytes } from 'node:crypto';
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { TableProvider } from '../storage/tableProvider';
import { decodeKey, encodeKey, odataString } from '../storage/tableKeys';
import type { Lang } from '../i18n/lang';
import { LANGS } from '../i18n/lang';

export type AnnouncementTarget = { kind: 'all' } | { kind: 'group'; groupId: string; groupName: string };
/** preparing: recipients not yet listed; sending: recipients listed, some pending; then cancelled or done. */
export type JobState = 'preparing' | 'sending' | 'cancelled' | 'done';
export type RecipientState = 'pending' | 'sent' | 'failed' | 'unreachable';

/** The admin's card that shows progress, updated in place. */
export interface ProgressCardAddress {
  serviceUrl: string;
  conversationId: string;
  userId: string;
  botId: string;
  activityId: string;
  lang: Lang;
}

export interface DeliveryCounts {
  sent: number;
  failed: number;
  unreachable: number;
}

export interface AnnouncementJob extends DeliveryCounts {
  id: string;
  tenantId: string;
  createdBy: string;
  createdAt: string;
  target: AnnouncementTarget;
  state: JobState;
  total: number;
  leaseOwner?: string;
  /** Epoch ms until which `leaseOwner` alone may send for this job. */
  leaseUntil?: number;
  progressCard?: ProgressCardAddress;
  finishedAt?: string;
  cancelledBy?: string;
  etag: string;
}

export interface Recipient {
  userAadObjectId: string;
  serviceUrl: string;
  conversationId: string;
  userId: string;
  botId: string;
  locale: Lang;
  state: RecipientState;
  attempts: number;
  lastStatus?: number;
}

export type JobPatch = Partial<Omit<AnnouncementJob, 'id' | 'tenantId' | 'createdBy' | 'createdAt' | 'target' | 'etag'>>;

const JOBS = 'AnnouncementJobs';
const RECIPIENTS = 'AnnouncementRecipients';
/** Every job row lives in one partition: a tenant starts a handful a year, and "unfinished jobs" is one query. */
const JOB_PARTITION = 'job';
/** One row per tenant naming the job that holds the tenant's single announcement slot. */
const SLOT_PARTITION = 'slot';
/** A slot whose job was never written (a crash right after the claim) is free again after this. */
const SLOT_CLAIM_TTL_MS = 60_000;
const MAX_TIME = 9_999_999_999_999;

interface JobEntity {
  partitionKey: string;
  rowKey: string;
  tenantId: string;
  createdBy: string;
  createdAt: string;
  targetKind: string;
  groupId?: string;
  groupName?: string;
  state: string;
  total: number;
  sent: number;
  failed: number;
  unreachable: number;
  leaseOwner?: string;
  leaseUntil?: number;
  progressCard?: string;
  finishedAt?: string;
  cancelledBy?: string;
  etag?: string;
}

type RecipientEntity = {
  partitionKey: string;
  rowKey: string;
  serviceUrl: string;
  conversationId: string;
  userId: string;
  botId: string;
  locale: string;
  state: string;
  attempts: number;
  lastStatus?: number;
  updatedAt: string;
};

function toJob(e: JobEntity): AnnouncementJob {
  return {
    id: e.rowKey,
    tenantId: e.tenantId,
    createdBy: e.createdBy,
    createdAt: e.createdAt,
    target: e.targetKind === 'group' ? { kind: 'group', groupId: e.groupId ?? '', groupName: e.groupName ?? '' } : { kind: 'all' },
    state: e.state as JobState,
    total: e.total,
    sent: e.sent,
    failed: e.failed,
    unreachable: e.unreachable,
    ...(e.leaseOwner ? { leaseOwner: e.leaseOwner } : {}),
    ...(typeof e.leaseUntil === 'number' ? { leaseUntil: e.leaseUntil } : {}),
    ...(e.progressCard ? { progressCard: JSON.parse(e.progressCard) as ProgressCardAddress } : {}),
    ...(e.finishedAt ? { finishedAt: e.finishedAt } : {}),
    ...(e.cancelledBy ? { cancelledBy: e.cancelledBy } : {}),
    etag: e.etag ?? '',
  };
}

function patchEntity(id: string, patch: JobPatch): Partial<JobEntity> & { partitionKey: string; rowKey: string } {
  const { progressCard, ...rest } = patch;
  return {
    partitionKey: JOB_PARTITION,
    rowKey: id,
    ...rest,
    ...(progressCard ? { progressCard: JSON.stringify(progressCard) } : {}),
  };
}

const isStatus = (err: unknown, status: number) => (err as { statusCode?: number }).statusCode === status;

/** Announcement jobs and their recipients in Table Storage. */
export class AnnouncementStore {
  constructor(private readonly tables: TableProvider) {}

  private jobs(): Promise<TableClient> {
    return this.tables.table(JOBS);
  }

  private recipients(): Promise<TableClient> {
    return this.tables.table(RECIPIENTS);
  }

  /** A new job id: newest first in the table, unique even for two jobs in the same millisecond. */
  static newJobId(now: number): string {
    return `${String(MAX_TIME - now).padStart(13, '0')}-${randomBytes(4).toString('hex')}`;
  }

  async createJob(job: Omit<AnnouncementJob, 'etag'>): Promise<AnnouncementJob> {
    const entity: JobEntity = {
      partitionKey: JOB_PARTITION,
      rowKey: job.id,
      tenantId: job.tenantId,
      createdBy: job.createdBy,
      createdAt: job.createdAt,
      targetKind: job.target.kind,
      ...(job.target.kind === 'group' ? { groupId: job.target.groupId, groupName: job.target.groupName } : {}),
      state: job.state,
      total: job.total,
      sent: job.sent,
      failed: job.failed,
      unreachable: job.unreachable,
      ...(job.progressCard ? { progressCard: JSON.stringify(job.progressCard) } : {}),
    };
    const res = await (await this.jobs()).createEntity(entity);
    return { ...job, etag: res.etag ?? '' };
  }

  /**
   * Reserves the tenant's one announcement slot for `jobId`, unless the job holding it is still
   * running (or was claimed moments ago and is being written). The claim is a create-only or
   * ETag-conditional write, so of two admins pressing Send at once exactly one gets the slot.
   * Returns the id of the job that holds the slot: `jobId` when the claim succeeded.
   */
  async claimTenantSlot(tenantId: string, jobId: string, now: Date, isRunning: (job: AnnouncementJob) => boolean): Promise<string> {
    const table = await this.jobs();
    const rowKey = encodeKey(tenantId);
    for (let attempt = 0; attempt < 3; attempt++) {
      let slot: { jobId: string; claimedAt: string; etag?: string } | undefined;
      try {
        slot = await table.getEntity<{ jobId: string; claimedAt: string }>(SLOT_PARTITION, rowKey);
      } catch (err) {
        if (!isStatus(err, 404)) throw err;
      }
      if (slot) {
        const holder = await this.getJob(slot.jobId);
        const claimInProgress = !holder && now.getTime() - Date.parse(slot.claimedAt) < SLOT_CLAIM_TTL_MS;
        if ((holder && isRunning(holder)) || claimInProgress) return slot.jobId;
      }
      const entity = { partitionKey: SLOT_PARTITION, rowKey, jobId, claimedAt: now.toISOString() };
      try {
        if (slot) await table.updateEntity(entity, 'Replace', { etag: slot.etag });
        else await table.createEntity(entity);
        return jobId;
      } catch (err) {
        // Someone else claimed it between our read and write: look again.
        if (!isStatus(err, 412) && !isStatus(err, 409)) throw err;
      }
    }
    throw new Error('could not claim the announcement slot: it kept changing');
  }

  async getJob(id: string): Promise<AnnouncementJob | undefined> {
    try {
      return toJob(await (await this.jobs()).getEntity<JobEntity>(JOB_PARTITION, id));
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** Writes `patch` only if the row still has `etag`; the new etag, or undefined when someone else wrote first. */
  async updateJobIfUnchanged(id: string, etag: string, patch: JobPatch): Promise<string | undefined> {
    try {
      const res = await (await this.jobs()).updateEntity(patchEntity(id, patch), 'Merge', { etag });
      return res.etag ?? '';
    } catch (err) {
      if (isStatus(err, 412)) return undefined;
      throw err;
    }
  }

  async listUnfinishedJobs(): Promise<AnnouncementJob[]> {
    const out: AnnouncementJob[] = [];
    const filter = `PartitionKey eq '${JOB_PARTITION}' and (state eq 'preparing' or state eq 'sending')`;
    for await (const e of (await this.jobs()).listEntities<JobEntity>({ queryOptions: { filter } })) out.push(toJob(e));
    return out;
  }

  /** The tenant's jobs, newest first. */
  async *jobsOf(tenantId: string): AsyncIterable<AnnouncementJob> {
    const filter = `PartitionKey eq '${JOB_PARTITION}' and tenantId eq ${odataString(tenantId)}`;
    for await (const e of (await this.jobs()).listEntities<JobEntity>({ queryOptions: { filter } })) yield toJob(e);
  }

  async latestJob(tenantId: string): Promise<AnnouncementJob | undefined> {
    for await (const job of this.jobsOf(tenantId)) return job;
    return undefined;
  }

  /** Adds recipients as pending (idempotent: listing again after a crash rewrites the same rows). */
  async putRecipients(jobId: string, recipients: ReadonlyArray<Omit<Recipient, 'state' | 'attempts'>>, now: string): Promise<void> {
    const table = await this.recipients();
    for (let i = 0; i < recipients.length; i += 100) {
      const actions: TransactionAction[] = recipients.slice(i, i + 100).map((r) => {
        const entity: RecipientEntity = {
          partitionKey: jobId,
          rowKey: encodeKey(r.userAadObjectId),
          serviceUrl: r.serviceUrl,
          conversationId: r.conversationId,
          userId: r.userId,
          botId: r.botId,
          locale: r.locale,
          state: 'pending',
          attempts: 0,
          updatedAt: now,
        };
        return ['upsert', entity, 'Replace'];
      });
      await table.submitTransaction(actions);
    }
  }

  async countRecipients(jobId: string): Promise<Record<RecipientState, number>> {
    const counts: Record<RecipientState, number> = { pending: 0, sent: 0, failed: 0, unreachable: 0 };
    const rows = (await this.recipients()).listEntities<{ state: string }>({
      queryOptions: { filter: `PartitionKey eq ${odataString(jobId)}`, select: ['state'] },
    });
    for await (const r of rows) counts[r.state as RecipientState] = (counts[r.state as RecipientState] ?? 0) + 1;
    return counts;
  }

  async *pendingRecipients(jobId: string): AsyncIterable<Recipient> {
    const rows = (await this.recipients()).listEntities<RecipientEntity>({
      queryOptions: { filter: `PartitionKey eq ${odataString(jobId)} and state eq 'pending'` },
    });
    for await (const e of rows) yield toRecipient(e);
  }

  async getRecipient(jobId: string, userAadObjectId: string): Promise<Recipient | undefined> {
    try {
      return toRecipient(await (await this.recipients()).getEntity<RecipientEntity>(jobId, encodeKey(userAadObjectId)));
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** Several outcomes of one job in one request (an entity group transaction, at most 100). */
  async recordDeliveries(jobId: string, outcomes: ReadonlyArray<DeliveryOutcome>, now: string): Promise<void> {
    const table = await this.recipients();
    const entity = (o: DeliveryOutcome) => ({ partitionKey: jobId, rowKey: encodeKey(o.userAadObjectId), state: o.state, attempts: o.attempts, lastStatus: o.lastStatus, updatedAt: now });
    if (outcomes.length === 1) {
      await table.updateEntity(entity(outcomes[0]), 'Merge');
      return;
    }
    for (let i = 0; i < outcomes.length; i += 100) {
      await table.submitTransaction(outcomes.slice(i, i + 100).map((o): TransactionAction => ['update', entity(o), 'Merge']));
    }
  }
}

export interface DeliveryOutcome {
  userAadObjectId: string;
  state: RecipientState;
  attempts: number;
  lastStatus: number;
}

function toRecipient(e: RecipientEntity): Recipient {
  return {
    userAadObjectId: decodeKey(e.rowKey),
    serviceUrl: e.serviceUrl,
    conversationId: e.conversationId,
    userId: e.userId,
    botId: e.botId,
    locale: (LANGS as readonly string[]).includes(e.locale) ? (e.locale as Lang) : 'en',
    state: e.state as RecipientState,
    attempts: e.attempts,
    ...(typeof e.lastStatus === 'number' ? { lastStatus: e.lastStatus } : {}),
  };
}
