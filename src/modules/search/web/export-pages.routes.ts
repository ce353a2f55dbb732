/**
 * `GET /search/export`: the results page's and marked page's export form. The search's own state
 * (q, sort, page, filters) says which set, `scope` how much of it, `format` how it is written.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ValidationError } from '../../../platform/http/errors.js';
import { issuesToFieldErrors } from '../../../platform/forms/validation.js';
import { EXPORT_FORMATS, findExportFormat } from '../../records/index.js';
import { QuerySyntaxError } from '../query/errors.js';
import { sendExport, exportFilename } from './export-response.js';
import { requestLineResolver } from './advanced-history.js';
import { EXPORT_SCOPES, exportIdPages, recordsOf } from './export-selection.js';
import { markedOwner } from './marked-owner.js';
import { SEARCH_PAGE_SIZE, searchQuery } from './search-query.js';

export const exportChoice = z.object({
  format: z
    .string()
    .default('ris')
    .refine((id) => findExportFormat(id) !== undefined, { error: `Choose a format: one of ${EXPORT_FORMATS.map((f) => f.id).join(', ')}.` }),
  scope: z.enum(EXPORT_SCOPES, { error: 'Choose what to export: page, all or marked.' }).default('page'),
});

/** A search that cannot run, as a validation error on `q` that says where. */
export function syntaxProblem(error: QuerySyntaxError): ValidationError {
  return new ValidationError([{ field: 'q', message: `${error.message} (line ${error.line}, column ${error.column})` }], 'The search cannot be read.');
}

export async function exportPageRoutes(app: FastifyInstance): Promise<void> {
  app.get('/search/export', { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } }, async (request, reply) => {
    const choice = exportChoice.safeParse(request.query);
    if (!choice.success) throw new ValidationError(issuesToFieldErrors(choice.error.issues));
    const format = findExportFormat(choice.data.format);
    if (!format) throw new Error('format checked above');
    const query = searchQuery.parse(request.query);
    const { scope } = choice.data;
    const now = new Date();
    let ids;
    try {
      ids = await exportIdPages(app.db, { scope, query, pageSize: SEARCH_PAGE_SIZE, owner: await markedOwner(app.db, request), now, resolveLine: await requestLineResolver(app.db, request) });
    } catch (error) {
      throw error instanceof QuerySyntaxError ? syntaxProblem(error) : error;
    }
    return sendExport(reply, format, recordsOf(app.db, ids), exportFilename(scope === 'marked' ? 'marked' : 'search', format, now));
  });
}
