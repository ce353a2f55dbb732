import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

declare module 'fastify' {
  interface FastifyInstance {
    /** Prometheus registry for this app; plugins add their own counters to it. */
    metrics: Registry;
  }
}

const READY_TIMEOUT_MS = 2_000;

async function databaseReachable(app: FastifyInstance): Promise<{ ok: true } | { ok: false; error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
  });
  try {
    await Promise.race([sql`select 1`.execute(app.db), timeout]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz (the process is alive), /readyz (it can reach its database) and /metrics (Prometheus text). */
async function operations(app: FastifyInstance): Promise<void> {
  // One registry per app, so tests that build several apps never collide on metric names.
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'khub_' });
  app.decorate('metrics', registry);

  const requests = new Counter({
    name: 'khub_http_requests_total',
    help: 'HTTP requests by method, route and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: 'khub_http_request_duration_seconds',
    help: 'HTTP request duration by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, not the URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'not_found';
    requests.inc({ method: request.method, route, status_code: String(reply.statusCode) });
    durations.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { logLevel: 'warn' }, async () => ({ status: 'ok' }));

  app.get('/readyz', { logLevel: 'warn' }, async (request, reply) => {
    const database = await databaseReachable(app);
    if (database.ok) return { status: 'ready', checks: { database: 'ok' } };
    request.log.error({ check: 'database', error: database.error }, 'readiness check failed: database unreachable');
    return reply.status(503).send({ status: 'unavailable', checks: { database: 'unreachable' } });
  });

  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
}

export default fp(operations, { name: 'khub-operations' });
