import restify, { type Request, type Response, type Next } from 'restify';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Logger } from '../logging';

export interface ServerDeps {
  adapter: TeamsAdapter;
  logger: Logger;
  /** Runs one authenticated activity. */
  onTurn: (context: TurnContext) => Promise<void>;
  /** Resolves when storage answers. */
  ready: () => Promise<void>;
}

/** Activities are small; anything larger is refused before it is parsed. */
export const MAX_BODY_BYTES = 256 * 1024;

interface ActivityShape {
  type?: unknown;
  serviceUrl?: unknown;
  conversation?: { id?: unknown };
}

/** What the adapter needs to answer; without these a reply would fail later, deep in a turn. */
function missingActivityFields(body: unknown): string | undefined {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a Bot Framework activity';
  const a = body as ActivityShape;
  if (typeof a.type !== 'string' || !a.type) return 'the activity has no type';
  if (typeof a.serviceUrl !== 'string' || !/^https?:\/\//i.test(a.serviceUrl)) return 'the activity has no valid serviceUrl';
  if (!a.conversation || typeof a.conversation.id !== 'string' || !a.conversation.id) return 'the activity has no conversation id';
  return undefined;
}

export function createServer(deps: ServerDeps): restify.Server {
  const server = restify.createServer({ name: 'linkedin-connections-assistant', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!req.is('json')) {
      res.send(415, { error: 'activities are sent as application/json' });
      return;
    }
    const problem = missingActivityFields(req.body);
    if (problem) {
      deps.logger.info({ problem }, 'rejected a malformed activity');
      res.send(400, { error: problem });
      return;
    }
    await deps.adapter.process(req, res, deps.onTurn);
  });

  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.send(200, { status: 'ok' });
    next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    try {
      await deps.ready();
      res.send(200, { status: 'ready' });
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'readiness check: storage does not answer');
      res.send(503, { status: 'storage unavailable' });
    }
  });

  // Body parser errors (bad JSON 400, too large 413) are client mistakes: log them quietly.
  server.on('restifyError', (req: Request, _res: Response, err: { statusCode?: number; message: string }, callback: () => void) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) deps.logger.error({ err, url: req.url }, 'request failed');
    else deps.logger.info({ status, url: req.url, reason: err.message }, 'request rejected');
    callback();
  });
  return server;
}
