import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, LogController } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import accountsModule, { currentUserPlugin } from './modules/accounts/index.js';
import directoryModule from './modules/directory/index.js';
import feedbackModule from './modules/feedback/index.js';
import homeModule from './modules/home/index.js';
import organisationsModule from './modules/organisations/index.js';
import searchModule from './modules/search/index.js';
import apiPlugin from './platform/api/api.js';
import { createDb } from './platform/db/create-db.js';
import type { Database } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import csrf from './platform/http/csrf.js';
import { registerErrorHandlers } from './platform/http/error-handler.js';
import { AppError } from './platform/http/errors.js';
import securityHeaders from './platform/http/security-headers.js';
import session from './platform/http/session.js';
import staticAssets from './platform/http/static-assets.js';
import jobs from './platform/jobs/jobs.plugin.js';
import mail from './platform/mail/mail.plugin.js';
import operations from './platform/ops/operations.js';
import views from './platform/views/nunjucks.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Kysely<Database>;
  }
}

export interface BuildOptions {
  /** Use this database instead of opening `config.databaseUrl`; the caller closes it. */
  readonly db?: Kysely<Database>;
  /** Run migrations before serving (default true). */
  readonly migrate?: boolean;
}

const REQUEST_ID_PATTERN = /^[\w.-]{1,64}$/;

/** Builds the whole khub application: platform plugins in security order, then modules, then error handlers. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    // Keep a caller's request id (from a proxy) when it is sane; otherwise make one, so every log line joins up.
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
    },
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    trustProxy: config.trustProxy,
    bodyLimit: 1_048_576,
    routerOptions: { ignoreTrailingSlash: true },
  });

  const db = options.db ?? createDb(config.databaseUrl);
  app.decorate('config', config);
  app.decorate('db', db);
  if (!options.db) app.addHook('onClose', async () => db.destroy());
  if (options.migrate ?? true) await migrateToLatest(db);

  const production = config.env === 'production';
  // First, so every plugin and module registered below inherits them (Fastify copies handlers into child contexts).
  registerErrorHandlers(app, { showStack: !production });
  const cookieName = production ? '__Host-khub_session' : 'khub_session';

  // Order matters: headers on every response first, then the session the CSRF check reads,
  // then limits and body parsers, so nothing reaches a handler unchecked.
  await app.register(securityHeaders, { hsts: production });
  await app.register(fastifyCookie);
  await app.register(session, { db, cookieName, secure: production, idleSeconds: 2 * 3600, absoluteSeconds: 12 * 3600 });
  await app.register(csrf, { cookieName });
  // Who is asking: from the session, or an API token for machine clients.
  await app.register(currentUserPlugin);
  await app.register(fastifyRateLimit, {
    max: 600,
    timeWindow: '1 minute',
    allowList: (request) => request.url.startsWith('/assets/'),
    errorResponseBuilder: () => new AppError(429, 'rate_limited', 'Too many requests. Wait a minute and try again.'),
  });
  await app.register(fastifyFormbody);
  // Fields (including _csrf) are parsed before the CSRF check runs; files arrive as Buffers in the body.
  await app.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: 50 * 1_048_576, files: 5, fields: 100 } });
  await app.register(staticAssets);
  await app.register(views, { config });
  await app.register(operations);
  await app.register(jobs);
  await app.register(mail);
  await app.register(apiPlugin);

  // Modules: each owns its routes, views and storage.
  await app.register(homeModule);
  await app.register(feedbackModule);
  await app.register(organisationsModule);
  await app.register(accountsModule);
  await app.register(directoryModule);
  await app.register(searchModule);

  return app;
}
