import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/auditLog';
import type { ConversationStore } from '../conversations/conversationStore';
import type { GroupLookup } from '../admin/groupLookup';
import type { Logger } from '../logging';
import type { TableProvider } from '../storage/tableProvider';
import type { BotRouter } from '../bot/router';
import { AnnouncementStore } from './announcementStore';
import { AnnouncementService } from './announcementService';
import { AnnouncementWorker, type WorkerOptions } from './announcementWorker';
import { ConnectorRestSender, type ConnectorTokenProvider, type ProactiveSender } from './connectorSender';
import { announcementActivity, progressActivity } from './announcementCards';
import { registerAnnouncements } from './announcementHandlers';
import { DEFAULT_BACKOFF, realTiming, type Timing } from './timing';

export interface AnnouncementsDeps {
  tables: TableProvider;
  conversations: ConversationStore;
  groups: GroupLookup;
  audit: AuditLog;
  logger: Logger;
  clock: () => Date;
  ratePerSec: number;
  leaseSeconds: number;
  token: ConnectorTokenProvider;
  /** Overrides for tests and benchmarks (time, pacing, retries, instance name, transport). */
  timing?: Timing;
  worker?: Partial<WorkerOptions>;
  sender?: ProactiveSender;
}

export interface Announcements {
  readonly service: AnnouncementService;
  readonly worker: AnnouncementWorker;
  readonly store: AnnouncementStore;
  register(router: BotRouter): void;
}

/** Builds the announcement feature: its store, service, background worker and chat handlers. */
export function createAnnouncements(deps: AnnouncementsDeps): Announcements {
  const timing = deps.timing ?? realTiming;
  const store = new AnnouncementStore(deps.tables);
  const leaseMs = deps.leaseSeconds * 1000;
  const options: WorkerOptions = {
    owner: `${process.pid}-${randomUUID().slice(0, 8)}`,
    ratePerSec: deps.ratePerSec,
    // Enough lanes to keep the rate while some wait out a backoff, bounded so a crash repeats few sends.
    concurrency: Math.min(64, Math.max(4, Math.ceil(deps.ratePerSec / 4))),
    leaseMs,
    // Also how soon a cancel is noticed: at most a second (one small write per second per job).
    heartbeatMs: Math.max(250, Math.min(1000, Math.floor(leaseMs / 3))),
    pollMs: Math.min(5000, leaseMs),
    backoff: DEFAULT_BACKOFF,
    ...deps.worker,
  };
  const wake = { worker: undefined as AnnouncementWorker | undefined };
  const service = new AnnouncementService(store, deps.conversations, deps.groups, deps.audit, deps.clock, () => wake.worker?.wake());
  const worker = new AnnouncementWorker(
    store,
    deps.sender ?? new ConnectorRestSender(deps.token, timing),
    service.recipients,
    { announcement: announcementActivity, progress: progressActivity },
    deps.audit,
    timing,
    deps.logger,
    options,
  );
  wake.worker = worker;
  return { service, worker, store, register: registerAnnouncements({ announcements: service, groups: deps.groups, audit: deps.audit, ratePerSec: deps.ratePerSec }) };
}
