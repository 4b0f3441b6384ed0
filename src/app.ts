import type restify from 'restify';
import type { Config } from './config';
import { storageCredential } from './azure/credentials';
import { createLogger, type Logger } from './logging';
import { createTableProvider, type TableProvider } from './storage/tableProvider';
import { startEmbeddedTableStorage } from './storage/embeddedAzurite';
import { TableConversationStore } from './conversations/tableConversationStore';
import { ConversationTracker } from './conversations/conversationTracker';
import { createAdapter } from './bot/adapter';
import { createBot, type Bot } from './bot/botApplication';
import { createServer } from './http/server';
import { RequestDrain } from './http/drain';
import { BackgroundTasks } from './lifecycle/backgroundTasks';
import { registerWelcome } from './welcome/welcomeHandlers';
import type { ConversationStore } from './conversations/conversationStore';
import { loadKnowledgeBase } from './faq/knowledgeBase';
import { createFaqMatcher } from './faq/faqMatcher';
import { registerFaq } from './faq/faqHandlers';
import type { FaqFeedbackStore } from './faq/feedbackStore';
import { TableFaqFeedbackStore } from './faq/tableFeedbackStore';
import type { ConsentStore } from './consent/consentStore';
import { TableConsentStore } from './consent/tableConsentStore';
import type { ScopeStore } from './scope/scopeStore';
import { TableScopeStore } from './scope/tableScopeStore';
import { ScopeService } from './scope/scopeService';
import type { Directory } from './directory/directory';
import { createDirectory } from './directory/createDirectory';
import { ConsentService } from './consent/consentService';
import { registerConsent } from './consent/consentHandlers';
import { TableAuditLog, type AuditLog } from './audit/auditLog';
import { createAnnouncements, type AnnouncementsDeps } from './announcements/announcements';
import type { AnnouncementService } from './announcements/announcementService';
import { adapterTokenProvider } from './announcements/connectorToken';
import { DirectoryGroupLookup } from './admin/groupLookup';
import { AdminService } from './admin/adminService';
import { registerAdmin } from './admin/adminHandlers';

export interface AppDeps {
  config: Config;
  logger?: Logger;
  clock?: () => Date;
  /** Storage to use instead of the one the configuration names (tests share one Azurite). */
  tables?: TableProvider;
  /** Where the Bot Framework's token signing keys are published (tests serve their own). */
  openIdMetadataUrl?: string;
  /** How long close() lets requests in flight finish; default SHUTDOWN_GRACE_MS. */
  shutdownGraceMs?: number;
  /** Directory to use instead of the one the configuration names (tests use a Graph stub). */
  directory?: Directory;
  /** Announcement engine overrides (time, pacing, retries) for tests and benchmarks. */
  announcements?: Pick<AnnouncementsDeps, 'timing' | 'worker' | 'sender'>;
}

/** The logic features share (scope checks, directory look-ups). */
export interface AppServices {
  readonly scope: ScopeService;
  readonly directory: Directory;
  readonly consent: ConsentService;
  /** Append-only audit log: scope changes, announcements, consents, refused admin attempts. */
  readonly audit: AuditLog;
  readonly announcements: AnnouncementService;
  readonly admin: AdminService;
}

/**
 * Time left to turns in flight on shutdown. Turns take well under a second; the platform
 * kills the process some seconds after SIGTERM (10 s for a plain `docker stop`).
 */
export const SHUTDOWN_GRACE_MS = 8000;

export interface App {
  readonly server: restify.Server;
  readonly bot: Bot;
  readonly logger: Logger;
  readonly stores: { readonly conversations: ConversationStore; readonly consents: ConsentStore; readonly scopes: ScopeStore; readonly faqFeedback: FaqFeedbackStore };
  readonly services: AppServices;
  /** Loops and timers the app runs outside requests; close() stops them. */
  readonly background: BackgroundTasks;
  /** Listens on the configured port (or the one given; 0 picks a free one) and returns the URL. */
  listen(port?: number): Promise<string>;
  /**
   * Graceful stop: refuses new requests (503), lets the turns in flight finish (up to the grace
   * period), stops the background tasks, then closes storage. Safe to call more than once.
   */
  close(): Promise<void>;
}

async function openStorage(config: Config, logger: Logger): Promise<{ tables: TableProvider; close: () => Promise<void> }> {
  switch (config.storage.kind) {
    case 'connectionString':
      return { tables: createTableProvider(config.storage), close: async () => {} };
    case 'accountUrl':
      return {
        tables: createTableProvider({ kind: 'accountUrl', accountUrl: config.storage.accountUrl, credential: storageCredential(config) }),
        close: async () => {},
      };
    case 'embedded': {
      const embedded = await startEmbeddedTableStorage(config.storage.dataDir);
      logger.info({ dataDir: config.storage.dataDir }, 'using embedded Azurite table storage');
      return { tables: createTableProvider({ kind: 'connectionString', connectionString: embedded.connectionString }), close: () => embedded.close() };
    }
  }
}

/** Builds the whole bot (storage, services, routes, HTTP server) without listening. */
export async function createApp(deps: AppDeps): Promise<App> {
  const { config } = deps;
  const logger = deps.logger ?? createLogger(config.logLevel);
  const clock = deps.clock ?? (() => new Date());
  const storage = deps.tables ? { tables: deps.tables, close: async () => {} } : await openStorage(config, logger);

  const conversations = new TableConversationStore(storage.tables);
  const consents = new TableConsentStore(storage.tables);
  const scopes = new TableScopeStore(storage.tables);
  const directory = deps.directory ?? createDirectory(config);
  const scope = new ScopeService(scopes, directory, config.integrationDefault, clock);
  const faqFeedback = new TableFaqFeedbackStore(storage.tables);
  // The knowledge base is validated and indexed once, here; each question is then matched in memory.
  const faqMatcher = createFaqMatcher(loadKnowledgeBase());
  const adapter = createAdapter(config, logger, deps.openIdMetadataUrl);
  const audit = new TableAuditLog(storage.tables, clock);
  const groups = new DirectoryGroupLookup(directory);
  const announcements = createAnnouncements({
    tables: storage.tables,
    conversations,
    groups,
    audit,
    logger,
    clock,
    ratePerSec: config.announceRatePerSec,
    leaseSeconds: config.announceLeaseSeconds,
    token: adapterTokenProvider(adapter, config.bot.appId),
    ...deps.announcements,
  });
  const admin = new AdminService(scope, consents, groups, announcements.service, audit, clock);
  const services: AppServices = { scope, directory, consent: new ConsentService(consents, scope, conversations, audit, clock), audit, announcements: announcements.service, admin };
  const bot = createBot({
    adapter,
    logger,
    clock,
    conversations: new ConversationTracker(conversations),
    adminAadObjectIds: config.adminAadObjectIds,
    allowedTenantIds: config.allowedTenantIds,
    features: [
      registerWelcome,
      registerConsent(services.consent),
      announcements.register,
      registerAdmin({ admin, groups, audit }),
      registerFaq({ matcher: faqMatcher, feedback: faqFeedback }),
    ],
  });
  const server = createServer({ adapter, logger, onTurn: (context) => bot.handle(context), ready: () => storage.tables.ping() });
  const drain = new RequestDrain(server.server);
  // A request that reaches a draining instance on a kept-alive connection goes elsewhere.
  server.pre((_req, res, next) => {
    if (!drain.isDraining) return next();
    res.header('connection', 'close');
    res.header('retry-after', '1');
    res.send(503, { error: 'the bot is restarting, try again' });
    return next(false);
  });
  const background = new BackgroundTasks();
  // Unfinished announcements (this instance's before a restart, or another's that stopped) resume by themselves.
  announcements.worker.start();
  background.register({ name: 'announcements', stop: () => announcements.worker.stop() });

  let closing: Promise<void> | undefined;
  async function shutDown(): Promise<void> {
    const graceMs = deps.shutdownGraceMs ?? SHUTDOWN_GRACE_MS;
    const inFlight = drain.active;
    const finished = await drain.drain(graceMs);
    if (finished) logger.info({ inFlight }, 'HTTP server stopped; requests in flight finished');
    else logger.warn({ graceMs, unfinished: drain.active }, 'requests still running after the grace period were cut short');
    await background.stopAll(logger);
    await storage.close();
  }

  return {
    server,
    bot,
    logger,
    stores: { conversations, consents, scopes, faqFeedback },
    services,
    background,
    async listen(port = config.port) {
      // Without a bot id nobody's token is checked, so only this machine may talk to the bot.
      const host = config.noAuthLocalMode ? '127.0.0.1' : '0.0.0.0';
      if (config.noAuthLocalMode) logger.warn('BOT_ID is not set: no-auth local mode, listening on 127.0.0.1 only');
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const address = server.address();
      return `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
    },
    close() {
      closing ??= shutDown();
      return closing;
    },
  };
}
