import { setMaxListeners } from 'node:events';
import type { Logger } from '../logging';
import type { AuditLog } from '../audit/auditLog';
import type { Lang } from '../i18n/lang';
import type { ConversationRecord } from '../conversations/conversationStore';
import { AnnouncementStore, type AnnouncementJob, type AnnouncementTarget, type DeliveryCounts, type DeliveryOutcome, type JobPatch, type Recipient } from './announcementStore';
import { GroupCommit } from './groupCommit';
import { readAhead } from './readAhead';
import type { ProactiveSender } from './connectorSender';
import { backoffMs, Pacer, type BackoffPolicy, type Timing } from './timing';

/** The installed conversations an announcement goes to. */
export type RecipientSource = (tenantId: string, target: AnnouncementTarget) => AsyncIterable<ConversationRecord>;

/** What the worker sends: the announcement in a language, and the admin's progress card. */
export interface AnnouncementRendering {
  announcement(lang: Lang): Record<string, unknown>;
  progress(job: AnnouncementJob): Record<string, unknown>;
}

export interface WorkerOptions {
  /** This instance's name in job leases. */
  owner: string;
  ratePerSec: number;
  /** Sends in flight at once (a retry waiting for its backoff holds a slot). */
  concurrency: number;
  leaseMs: number;
  /** How often the lease is renewed, figures saved and cancellation checked. */
  heartbeatMs: number;
  /** How often storage is checked for unfinished jobs (a restart resumes within this). */
  pollMs: number;
  backoff: BackoffPolicy;
}

/** Statuses worth retrying: throttling, a conflicting write, gateway trouble, or no answer at all. */
const RETRYABLE = new Set([0, 412, 429, 500, 502, 503, 504]);
/** The user blocked or removed the bot, or the conversation is gone: retrying cannot help. */
const UNREACHABLE = new Set([403, 404]);

/** Recipients read ahead of the senders (about two storage pages). */
const READ_AHEAD = 2000;

class LeaseLost extends Error {}

/** A recipient's next request: the first, or a retry due at `dueAt`. */
interface Attempt {
  recipient: Recipient;
  attempt: number;
  dueAt: number;
}

/**
 * Delivers announcement jobs from Table Storage. Each job is worked on by one instance at a time,
 * the one holding its lease (an ETag-guarded write on the job row, renewed while working). Each
 * recipient's outcome is written before the next one is taken, so a restart resumes with the
 * recipients still pending; only sends in flight at a crash can be repeated.
 */
export class AnnouncementWorker {
  private readonly stopping = new AbortController();
  private readonly active = new Map<string, Promise<void>>();
  private loop?: Promise<void>;
  private wakeUp = new AbortController();

  constructor(
    private readonly store: AnnouncementStore,
    private readonly sender: ProactiveSender,
    private readonly source: RecipientSource,
    private readonly rendering: AnnouncementRendering,
    private readonly audit: AuditLog,
    private readonly timing: Timing,
    private readonly logger: Logger,
    private readonly options: WorkerOptions,
  ) {}

  /** Starts looking for unfinished jobs (new ones, and those left by a stopped instance). */
  start(): void {
    if (this.loop) return;
    this.loop = this.pollLoop();
  }

  /** Checks for jobs now rather than at the next poll. */
  wake(): void {
    this.wakeUp.abort();
  }

  /** Stops polling and sending; unfinished jobs stay in storage for the next start. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.wakeUp.abort();
    await this.loop;
    await Promise.allSettled([...this.active.values()]);
    this.sender.close?.();
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.claimJobs();
      } catch (err) {
        this.logger.warn({ err }, 'announcements: could not look for unfinished jobs');
      }
      if (this.stopping.signal.aborted) return;
      if (!this.wakeUp.signal.aborted) await this.timing.sleep(this.options.pollMs, this.wakeUp.signal);
      this.wakeUp = new AbortController();
    }
  }

  private async claimJobs(): Promise<void> {
    for (const job of await this.store.listUnfinishedJobs()) {
      if (this.stopping.signal.aborted) return;
      if (this.active.has(job.id)) continue;
      if (job.leaseOwner && job.leaseUntil !== undefined && job.leaseUntil > this.timing.now()) continue;
      const etag = await this.store.updateJobIfUnchanged(job.id, job.etag, { leaseOwner: this.options.owner, leaseUntil: this.timing.now() + this.options.leaseMs });
      if (etag === undefined) continue; // another instance claimed it first
      const claimed: AnnouncementJob = { ...job, etag, leaseOwner: this.options.owner, leaseUntil: this.timing.now() + this.options.leaseMs };
      this.logger.info({ jobId: job.id, tenantId: job.tenantId, resumed: job.state === 'sending' }, 'announcements: working on job');
      const run = new JobRun(claimed, this)
        .run()
        .catch((err: unknown) => this.logger.error({ err, jobId: job.id }, 'announcements: job stopped by an error; it resumes when its lease expires'))
        .finally(() => this.active.delete(job.id));
      this.active.set(job.id, run);
    }
  }

  /** @internal what a JobRun needs from its worker. */
  get deps() {
    return { store: this.store, sender: this.sender, source: this.source, rendering: this.rendering, audit: this.audit, timing: this.timing, logger: this.logger, options: this.options, stopping: this.stopping.signal };
  }
}

/** One instance's work on one job, from claiming its lease to finishing or losing it. */
class JobRun {
  private readonly abort = new AbortController();
  private readonly counts: DeliveryCounts = { sent: 0, failed: 0, unreachable: 0 };
  private writes: Promise<unknown> = Promise.resolve();
  private progressUpdates: Promise<void> = Promise.resolve();
  /** Outcomes of sends finishing together are written in one request; each lane still waits for its own. */
  private readonly outcomes: GroupCommit<DeliveryOutcome>;
  private reportedDecile = -1;
  private cancelled = false;
  private readonly d: AnnouncementWorker['deps'];

  constructor(
    private job: AnnouncementJob,
    worker: AnnouncementWorker,
  ) {
    this.d = worker.deps;
    this.outcomes = new GroupCommit((items) => this.d.store.recordDeliveries(this.job.id, items, new Date(this.d.timing.now()).toISOString()));
  }

  async run(): Promise<void> {
    // Every lane waits on this signal at once (pacing, backoff): more than the default 10 listeners.
    setMaxListeners(this.d.options.concurrency + 10, this.abort.signal);
    const stopListener = () => this.abort.abort();
    this.d.stopping.addEventListener('abort', stopListener, { once: true });
    const heartbeat = this.heartbeat();
    try {
      if (this.job.state === 'preparing') await this.listRecipients();
      if (!this.abort.signal.aborted) await this.deliver();
      if (!this.abort.signal.aborted || this.cancelled) await this.finish();
    } catch (err) {
      if (!(err instanceof LeaseLost)) throw err;
      this.d.logger.warn({ jobId: this.job.id }, 'announcements: lease lost to another instance; stopping here');
    } finally {
      this.abort.abort();
      this.d.stopping.removeEventListener('abort', stopListener);
      await heartbeat;
    }
  }

  /** Turns the job's target into pending recipient rows, then marks the job as sending. */
  private async listRecipients(): Promise<void> {
    const now = new Date(this.d.timing.now()).toISOString();
    let batch: Recipient[] = [];
    let total = 0;
    // A few batch writes in flight at once; all must succeed before the job is marked sending.
    const writing = new Set<Promise<void>>();
    const flush = async (recipients: Recipient[]) => {
      const write = this.d.store.putRecipients(this.job.id, recipients, now);
      writing.add(write);
      void write.then(() => writing.delete(write), () => undefined);
      if (writing.size >= 4) await Promise.race(writing);
    };
    for await (const r of this.d.source(this.job.tenantId, this.job.target)) {
      if (this.abort.signal.aborted) break;
      batch.push({ userAadObjectId: r.userAadObjectId, serviceUrl: r.serviceUrl, conversationId: r.conversationId, userId: r.userId, botId: r.botId, locale: r.locale, state: 'pending', attempts: 0 });
      total++;
      if (batch.length === 100) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length && !this.abort.signal.aborted) await flush(batch);
    await Promise.all(writing);
    if (this.abort.signal.aborted) return;
    await this.writeJob({ state: 'sending', total });
  }

  private async deliver(): Promise<void> {
    const stored = await this.d.store.countRecipients(this.job.id);
    Object.assign(this.counts, { sent: stored.sent, failed: stored.failed, unreachable: stored.unreachable });
    this.job = { ...this.job, total: stored.pending + stored.sent + stored.failed + stored.unreachable };
    this.reportedDecile = Math.floor((this.done() * 10) / Math.max(1, this.job.total));
    void this.reportProgress();

    const pacer = new Pacer(this.d.options.ratePerSec, this.d.timing);
    const pending = readAhead(this.d.store.pendingRecipients(this.job.id), READ_AHEAD);
    // Retries wait here, not in a lane: a lane waiting out a Retry-After would hold back the rate.
    const retries: Attempt[] = [];
    let exhausted = false;
    const next = async (): Promise<Attempt | undefined> => {
      for (;;) {
        if (this.abort.signal.aborted) return undefined;
        const now = this.d.timing.now();
        const due = retries.findIndex((a) => a.dueAt <= now);
        if (due >= 0) return retries.splice(due, 1)[0];
        if (!exhausted) {
          const item = await pending.next();
          if (!item.done) return { recipient: item.value, attempt: 1, dueAt: 0 };
          exhausted = true;
          continue;
        }
        if (retries.length === 0) return undefined;
        await this.d.timing.sleep(retries.reduce((min, a) => Math.min(min, a.dueAt), Infinity) - now, this.abort.signal);
      }
    };
    const lane = async () => {
      for (let work = await next(); work; work = await next()) {
        const retry = await this.attempt(work, pacer);
        if (retry) retries.push(retry);
      }
    };
    await Promise.all(Array.from({ length: this.d.options.concurrency }, lane));
  }

  /** One request for one recipient: records the outcome, or returns the retry to schedule. */
  private async attempt(work: Attempt, pacer: Pacer): Promise<Attempt | undefined> {
    const { backoff } = this.d.options;
    const { recipient: r, attempt } = work;
    await pacer.take(this.abort.signal);
    // Stopped or cancelled while waiting: the recipient stays pending for whoever resumes.
    if (this.abort.signal.aborted) return undefined;
    if (!this.holdsLease()) {
      // The lease could not be renewed in time (storage trouble): stop before another instance may start.
      this.d.logger.warn({ jobId: this.job.id }, 'announcements: lease about to expire; pausing this job');
      this.abort.abort();
      return undefined;
    }
    const result = await this.d.sender.send(r, this.d.rendering.announcement(r.locale));
    if (result.status >= 200 && result.status < 300) return void (await this.record(r, 'sent', attempt, result.status));
    if (UNREACHABLE.has(result.status)) return void (await this.record(r, 'unreachable', attempt, result.status));
    if (!RETRYABLE.has(result.status) || attempt >= backoff.maxAttempts) return void (await this.record(r, 'failed', attempt, result.status));
    return { recipient: r, attempt: attempt + 1, dueAt: this.d.timing.now() + backoffMs(backoff, attempt, this.d.timing.random, result.retryAfterMs) };
  }

  /** A lease about to expire may already be someone else's: stop sending before it does. */
  private holdsLease(): boolean {
    return (this.job.leaseUntil ?? 0) - this.d.timing.now() > this.d.options.heartbeatMs / 2;
  }

  private async record(r: Recipient, state: 'sent' | 'failed' | 'unreachable', attempts: number, status: number): Promise<void> {
    for (let i = 1; ; i++) {
      try {
        await this.outcomes.add({ userAadObjectId: r.userAadObjectId, state, attempts, lastStatus: status });
        break;
      } catch (err) {
        // Without this record a resume would send again; stop the job rather than keep going blind.
        if (i >= 3) {
          this.abort.abort();
          throw err;
        }
        await this.d.timing.sleep(200 * i);
      }
    }
    this.counts[state]++;
    const decile = Math.floor((this.done() * 10) / Math.max(1, this.job.total));
    if (decile > this.reportedDecile && this.done() < this.job.total) {
      this.reportedDecile = decile;
      void this.reportProgress();
    }
  }

  private done(): number {
    return this.counts.sent + this.counts.failed + this.counts.unreachable;
  }

  private async heartbeat(): Promise<void> {
    while (!this.abort.signal.aborted) {
      await this.d.timing.sleep(this.d.options.heartbeatMs, this.abort.signal);
      if (this.abort.signal.aborted) return;
      try {
        await this.writeJob({ leaseUntil: this.d.timing.now() + this.d.options.leaseMs, ...this.counts });
      } catch (err) {
        if (err instanceof LeaseLost) return this.abort.abort();
        // Storage trouble: keep trying; sending stops by itself if the lease runs out meanwhile.
        this.d.logger.warn({ err, jobId: this.job.id }, 'announcements: could not renew the job lease');
      }
    }
  }

  /**
   * Writes to the job row under its ETag, one write at a time. When the row changed, it was either
   * cancelled (stop sending, keep the lease to write the final figures) or taken over (LeaseLost).
   */
  private writeJob(patch: JobPatch): Promise<void> {
    const write = this.writes.then(async () => {
      for (;;) {
        const etag = await this.d.store.updateJobIfUnchanged(this.job.id, this.job.etag, patch);
        if (etag !== undefined) {
          this.job = { ...this.job, ...patch, etag };
          return;
        }
        const fresh = await this.d.store.getJob(this.job.id);
        if (!fresh || fresh.leaseOwner !== this.d.options.owner) throw new LeaseLost();
        if (fresh.state === 'cancelled' && !this.cancelled) {
          this.cancelled = true;
          this.abort.abort();
        }
        this.job = { ...this.job, etag: fresh.etag, state: fresh.state, ...(fresh.cancelledBy ? { cancelledBy: fresh.cancelledBy } : {}) };
        // A cancel is final: no later write of this run may set another state over it.
        if (this.cancelled && patch.state !== undefined) patch = { ...patch, state: 'cancelled' };
      }
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  private async finish(): Promise<void> {
    const finishedAt = new Date(this.d.timing.now()).toISOString();
    const state = this.cancelled ? 'cancelled' : 'done';
    await this.writeJob({ state, finishedAt, leaseUntil: 0, ...this.counts });
    await this.reportProgress();
    const detail = `sent=${this.counts.sent} failed=${this.counts.failed} unreachable=${this.counts.unreachable} total=${this.job.total}`;
    await this.d.audit.record({ tenantId: this.job.tenantId, actor: 'system', action: 'announcement.finished', after: this.job.state, detail: `${this.job.id} ${detail}` });
    this.d.logger.info({ jobId: this.job.id, state: this.job.state, ...this.counts, total: this.job.total }, 'announcements: job finished');
  }

  /** Updates the admin's card in place, in order; a failure here never stops the delivery. */
  private reportProgress(): Promise<void> {
    const snapshot: AnnouncementJob = { ...this.job, ...this.counts };
    this.progressUpdates = this.progressUpdates.then(() => this.updateProgressCard(snapshot));
    return this.progressUpdates;
  }

  private async updateProgressCard(snapshot: AnnouncementJob): Promise<void> {
    const card = snapshot.progressCard;
    if (!card) return;
    try {
      const res = await this.d.sender.update(card, card.activityId, this.d.rendering.progress(snapshot));
      if (res.status >= 300) this.d.logger.info({ status: res.status, jobId: snapshot.id }, 'announcements: could not update the progress card');
    } catch (err) {
      this.d.logger.info({ err, jobId: snapshot.id }, 'announcements: could not update the progress card');
    }
  }
}
