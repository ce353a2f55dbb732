import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { type Config, loadConfig, loadDotEnv } from './config.js';
import { issueSetupLink } from './modules/accounts/index.js';

const SHUTDOWN_GRACE_MS = 10_000;

/** Starts khub and closes it gracefully on SIGTERM/SIGINT: stop accepting, finish requests and jobs, close the database. */
export async function startServer(config: Config = loadConfig()): Promise<FastifyInstance> {
  const app = await buildApp(config);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  await announceSetupLink(app, config);
  app.log.info({ url: config.baseUrl, database: describeDatabase(config.databaseUrl) }, `khub is running at ${config.baseUrl}`);
  return app;
}

/**
 * Until the first platform administrator exists, every start prints a fresh one-time link that creates
 * one: there are no default passwords. Printed on stdout as well as logged, so it stands out.
 */
async function announceSetupLink(app: FastifyInstance, config: Config): Promise<void> {
  const link = await issueSetupLink(app.db, config.baseUrl);
  if (!link) return;
  app.log.warn({ setupLink: link }, 'no administrator yet: open the setup link to create one');
  process.stdout.write(`\n  khub has no administrator yet. Open this one-time link to create the first one:\n\n    ${link}\n\n  It works once, for 7 days; restart khub or run \`khub setup-link\` for a new one.\n\n`);
}

/** The database location without any password, for logs. */
export function describeDatabase(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

// Run directly (`node dist/src/server.js`, `tsx src/server.ts`), not when imported by the CLI or tests.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  loadDotEnv();
  startServer().catch((error: unknown) => {
    process.stderr.write(`khub could not start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
