import type { FastifyInstance } from 'fastify';
import { searchApiRoutes } from '../api/search-api.routes.js';
import { exportPageRoutes } from './export-pages.routes.js';
import { markedPageRoutes } from './marked-pages.routes.js';

/** Marked records, exports from the search pages, and the search API (`/api/v1/search…`, `/api/v1/marked`). */
export async function markedExportRoutes(app: FastifyInstance): Promise<void> {
  await app.register(markedPageRoutes);
  await app.register(exportPageRoutes);
  await app.register(searchApiRoutes);
}
