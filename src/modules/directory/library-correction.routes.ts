import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import { type FieldError, ServiceUnavailableError } from '../../platform/http/errors.js';
import { correctionEmail } from './directory.emails.js';
import { entryRecipients } from './entry-contacts.js';
import { storeCorrection } from './library-corrections.service.js';
import { libraryIdFrom } from './library-page.view.js';
import { type Library, getLibrary } from './library.service.js';

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
// NUL characters are dropped: PostgreSQL cannot store text holding one, and nobody types them.
const withoutNul = (value: unknown) => (typeof value === 'string' ? value.replaceAll('\0', '') : value);

export const correctionSchema = z.object({
  details: z.preprocess(
    withoutNul,
    z.string({ error: 'Enter what is wrong with the entry' }).trim().min(1, 'Enter what is wrong with the entry').max(2000, 'What is wrong must be 2,000 characters or fewer'),
  ),
  email: z.preprocess(blankToUndefined, z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.uk' }).max(254).optional()),
});

/** Anyone may report a correction; this many a quarter of an hour from one address is plenty for a person. */
const CORRECTION_LIMIT = { rateLimit: { max: 5, timeWindow: '15 minutes' } };

function formView(library: Library, values: Record<string, unknown>, errors: FieldError[] = []) {
  return { pageTitle: `Report a correction: ${library.name}`, library, values, errors, errorSummaryModel: errorSummary(errors), fieldErrors: errorsByField(errors) };
}

/** "Report a correction" on a library page: stored for the entry's editors and emailed through the outbox to the people who keep the entry. */
export async function libraryCorrectionRoutes(app: FastifyInstance): Promise<void> {
  app.get('/libraries/:id/correction', async (request, reply) => {
    const library = await getLibrary(app.db, libraryIdFrom(request));
    return reply.view('directory/views/correction.njk', formView(library, { email: request.user?.email ?? '' }));
  });

  app.post('/libraries/:id/correction', { config: CORRECTION_LIMIT }, async (request, reply) => {
    const library = await getLibrary(app.db, libraryIdFrom(request));
    const body = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(correctionSchema, body);
    if (!input.ok) return reply.status(400).view('directory/views/correction.njk', formView(library, body, input.errors));
    const recipients = await entryRecipients(app.db, library, { platformAdminsLast: true });
    if (recipients.length === 0) throw new ServiceUnavailableError('no_correction_recipient', 'Nobody can receive corrections yet. Try again later.');
    await app.db.transaction().execute(async (trx) => {
      const now = new Date();
      const correctionId = await storeCorrection(trx, { serviceId: library.id, details: input.data.details, reporterEmail: input.data.email ?? null, reporterUserId: request.user?.id ?? null }, now);
      for (const to of recipients) await app.mail.queue(correctionEmail(to, library, input.data, app.config.baseUrl), { db: trx });
      const actor = request.user ?? { anonymous: 'visitor' };
      await recordAudit(trx, { actor, action: 'library_service.correction_reported', targetType: 'library_service', targetId: library.id, details: { correctionId, recipients: recipients.length }, request }, now);
    });
    return reply.redirect(`/libraries/${library.id}/correction/sent`, 303);
  });

  app.get('/libraries/:id/correction/sent', async (request, reply) => {
    const library = await getLibrary(app.db, libraryIdFrom(request));
    return reply.view('directory/views/correction-sent.njk', { pageTitle: 'Correction sent', library });
  });
}
