import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createMailTransport } from './mail-transport.js';
import { outboxRoutes } from './mail-outbox.routes.js';
import { MAIL_DELIVER_JOB, type MailService, createDeliverHandler, queueMail } from './mail.service.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Outgoing mail: queue a message in the caller's transaction; the job queue delivers it. */
    mail: MailService;
  }
}

/** Eight attempts over about two hours (1, 2, 4 … 60 minutes apart) ride out a mail server's restart or outage. */
const DELIVERY_POLICY = { maxAttempts: 8, backoffSeconds: 60 };

/**
 * Decorates `app.mail`, registers the `mail.deliver` job, and in development only serves the outbox
 * pages at /dev/outbox; in every other environment those routes do not exist.
 */
async function mailPlugin(app: FastifyInstance): Promise<void> {
  const transport = createMailTransport(app.config);
  app.jobs.register(MAIL_DELIVER_JOB, createDeliverHandler({ db: app.db, transport }), DELIVERY_POLICY);
  app.decorate('mail', {
    queue: (message, options) => queueMail({ db: app.db, jobs: app.jobs }, message, options),
  } satisfies MailService);
  app.addHook('onClose', async () => transport.close());
  if (app.config.env === 'development') outboxRoutes(app);
}

export default fp(mailPlugin, { name: 'khub-mail', dependencies: ['khub-jobs'] });
