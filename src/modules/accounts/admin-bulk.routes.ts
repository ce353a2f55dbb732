import type { FastifyInstance, FastifyReply } from 'fastify';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import { errorsByField, errorSummary } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { accountSearchSchema } from './admin-accounts.schema.js';
import { exportAccountsCsv } from './admin-export.service.js';
import { MAX_UPLOAD_ROWS, UPLOAD_COLUMNS, uploadTemplateCsv } from './admin-upload.schema.js';
import { type UploadReport, uploadAccounts } from './admin-upload.service.js';
import { canUseBulkAccountTools } from './policies.js';
import { STAFF_GROUPS } from './staff-groups.js';

function renderUpload(reply: FastifyReply, status: number, errors: FieldError[] = [], report?: UploadReport) {
  return reply.status(status).view('accounts/views/admin-upload.njk', {
    pageTitle: report?.created ? 'Accounts created' : 'Upload accounts',
    columns: UPLOAD_COLUMNS,
    staffGroups: STAFF_GROUPS,
    maxRows: MAX_UPLOAD_ROWS,
    report,
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  });
}

/** Attachment headers for a CSV download; `no-store` because exports hold personal data. */
function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(csv);
}

/** Bulk upload (page, template, upload) and the CSV export of accounts. */
export async function adminBulkRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/accounts/upload', async (request, reply) => {
    authorize(canUseBulkAccountTools(requireUser(request)));
    return renderUpload(reply, 200);
  });

  app.get('/admin/accounts/upload/template.csv', async (request, reply) => {
    authorize(canUseBulkAccountTools(requireUser(request)));
    return sendCsv(reply, 'khub-accounts-template.csv', uploadTemplateCsv());
  });

  // The report is the answer to the upload itself (no redirect): uploads are all or nothing, so sending the same file again creates nothing twice.
  app.post('/admin/accounts/upload', async (request, reply) => {
    const user = requireUser(request);
    authorize(canUseBulkAccountTools(user));
    const body = (request.body ?? {}) as { file?: unknown };
    const file = Buffer.isBuffer(body.file) ? body.file : undefined;
    const outcome = await uploadAccounts(app, user, file, request);
    if (!outcome.ok) return renderUpload(reply, 400, outcome.errors);
    const { report } = outcome;
    if (report.created) return renderUpload(reply, 200, [], report);
    const total = report.rejected.length + report.ready.length;
    const message = `${report.rejected.length} of ${total} ${total === 1 ? 'row has' : 'rows have'} problems, so no accounts were created. Correct the rows listed below and upload the file again`;
    return renderUpload(reply, 400, [{ field: 'file', message }], report);
  });

  app.get('/admin/accounts/export.csv', async (request, reply) => {
    const user = requireUser(request);
    const csv = await exportAccountsCsv(app.db, user, accountSearchSchema.parse(request.query), request);
    return sendCsv(reply, `khub-accounts-${new Date().toISOString().slice(0, 10)}.csv`, csv);
  });
}
