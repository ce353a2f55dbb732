import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authorize, requireUser } from '../../platform/auth/guards.js';
import type { CurrentUser } from '../../platform/auth/roles.js';
import { errorsByField, errorSummary } from '../../platform/forms/validation.js';
import { type FieldError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { canManageDirectory } from './policies.js';
import { addServiceOffered, listServicesOfferedWithUse, renameServiceOffered, setServiceOfferedRetired } from './service-offered.service.js';
import { listUnverifiedEntries, unverifiedEntriesCsv } from './unverified-report.service.js';

const codeParams = z.object({ code: z.string().regex(/^[a-z0-9_]{1,40}$/) });

function codeFrom(request: FastifyRequest): string {
  const parsed = codeParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('service_offered_not_found', 'There is no such service offered.');
  return parsed.data.code;
}

function platformAdmin(request: FastifyRequest): CurrentUser {
  const user = requireUser(request);
  authorize(canManageDirectory(user), 'Only platform administrators look after the library directory as a whole.');
  return user;
}

const labelOf = (request: FastifyRequest) => String((request.body as { label?: unknown } | undefined)?.label ?? '').replaceAll('\0', '');
const formErrors = (errors: readonly FieldError[]) => ({ errors, errorSummaryModel: errorSummary(errors), fieldErrors: errorsByField(errors) });

async function renderServices(app: FastifyInstance, reply: FastifyReply, values: Record<string, unknown> = {}, errors: FieldError[] = []) {
  return reply.status(errors.length > 0 ? 400 : 200).view('directory/views/admin-services.njk', {
    pageTitle: 'Services libraries offer',
    services: await listServicesOfferedWithUse(app.db),
    values,
    ...formErrors(errors),
  });
}

/** Platform admins' pages for the directory: entries needing verification, and the controlled list of services. */
export async function libraryAdminRoutes(app: FastifyInstance): Promise<void> {
  app.get('/admin/libraries/unverified', async (request, reply) => {
    platformAdmin(request);
    const entries = await listUnverifiedEntries(app.db);
    return reply.view('directory/views/admin-unverified.njk', { pageTitle: 'Library entries needing verification', entries });
  });

  app.get('/admin/libraries/unverified.csv', async (request, reply) => {
    platformAdmin(request);
    const csv = unverifiedEntriesCsv(await listUnverifiedEntries(app.db), app.config.baseUrl);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="khub-libraries-unverified-${new Date().toISOString().slice(0, 10)}.csv"`)
      .header('cache-control', 'no-store')
      .send(csv);
  });

  app.get('/admin/libraries/services', async (request, reply) => {
    platformAdmin(request);
    return renderServices(app, reply);
  });

  app.post('/admin/libraries/services', async (request, reply) => {
    const user = platformAdmin(request);
    try {
      const code = await addServiceOffered(app.db, user, labelOf(request), { request });
      request.session.flash('success', `Added “${labelOf(request).trim()}” (code ${code})`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderServices(app, reply, { label: labelOf(request) }, [...error.fieldErrors]);
    }
    return reply.redirect('/admin/libraries/services', 303);
  });

  app.get('/admin/libraries/services/:code/edit', async (request, reply) => {
    platformAdmin(request);
    const service = (await listServicesOfferedWithUse(app.db)).find((s) => s.code === codeFrom(request));
    if (!service) throw new NotFoundError('service_offered_not_found', 'There is no such service offered.');
    return reply.view('directory/views/admin-service-edit.njk', { pageTitle: `Rename ${service.label}`, service, values: { label: service.label }, ...formErrors([]) });
  });

  app.post('/admin/libraries/services/:code/edit', async (request, reply) => {
    const user = platformAdmin(request);
    const code = codeFrom(request);
    try {
      await renameServiceOffered(app.db, user, code, labelOf(request), { request });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const service = (await listServicesOfferedWithUse(app.db)).find((s) => s.code === code);
      return reply.status(400).view('directory/views/admin-service-edit.njk', { pageTitle: `Rename ${service?.label ?? code}`, service, values: { label: labelOf(request) }, ...formErrors(error.fieldErrors) });
    }
    request.session.flash('success', `Renamed to “${labelOf(request).trim()}”`);
    return reply.redirect('/admin/libraries/services', 303);
  });

  for (const [action, retired] of [['retire', true], ['restore', false]] as const) {
    app.post(`/admin/libraries/services/:code/${action}`, async (request, reply) => {
      const user = platformAdmin(request);
      const code = codeFrom(request);
      await setServiceOfferedRetired(app.db, user, code, retired, { request });
      request.session.flash('success', retired ? `Retired ${code}: entries that offer it keep it` : `Restored ${code}`);
      return reply.redirect('/admin/libraries/services', 303);
    });
  }
}
