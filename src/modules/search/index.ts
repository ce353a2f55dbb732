import type { FastifyInstance } from 'fastify';

export * from './query/index.js';

/** Evidence search. So far only the query language, which has no routes; the plugin is not yet registered. */
export default async function searchModule(_app: FastifyInstance): Promise<void> {}
