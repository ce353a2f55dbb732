/**
 * The marked list's pages: marking and unmarking from the results and record pages (plain POST forms,
 * so they work without JavaScript), the list itself, and clearing it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { errorSummary, issuesToFieldErrors } from '../../../platform/forms/validation.js';
import { type StoredRecord, streamRecords } from '../../records/index.js';
import { clearMarked, countMarked, markRecords, markedIdsPage, unmarkRecords } from '../marked/marked.service.js';
import { markedExportForm } from './export-form.view.js';
import { markedOwner } from './marked-owner.js';
import { MARKED_PAGE } from './marked-search.view.js';
import { authorList, journalName } from './result-item.view.js';

/** Records the marked page lists at a time. */
export const MARKED_PAGE_SIZE = 20;
/** Records one form may mark at once: more than a results page holds, far fewer than a list may. */
const MAX_PER_SUBMISSION = 500;

/**
 * Where a mark form may send the browser back to: a search page or a record page on this site, never
 * elsewhere (an open redirect). Anything else goes to the marked list.
 */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value.length > 8000 || /[\\\s\p{Cc}]/u.test(value)) return MARKED_PAGE;
  return /^\/search(?:[/?]|$)/.test(value) || /^\/records\/\d+$/.test(value) ? value : MARKED_PAGE;
}

const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]))
  .pipe(z.array(z.string().regex(/^[1-9]\d{0,14}$/, 'A record id is a whole number.').transform(Number)).max(MAX_PER_SUBMISSION, `Mark at most ${MAX_PER_SUBMISSION} records at once.`));

const markForm = z.object({
  action: z.enum(['mark', 'unmark'], { error: 'Choose to mark or unmark.' }),
  id: idList.refine((ids) => ids.length > 0, 'Select at least one record: tick the box beside it.'),
  returnTo: z.string().optional(),
});

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1) });

const plural = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'record' : 'records'}`;

function markedItem(record: StoredRecord) {
  return { id: record.id, href: `/records/${record.id}`, title: record.title || '[No title]', authors: authorList(record.authors), journal: journalName(record), year: record.publicationDate.year };
}

function pagination(page: number, pages: number) {
  if (pages <= 1) return undefined;
  const href = (p: number) => (p === 1 ? MARKED_PAGE : `${MARKED_PAGE}?page=${p}`);
  return {
    previous: page > 1 ? { href: href(page - 1), labelText: `Page ${page - 1} of ${pages}` } : undefined,
    next: page < pages ? { href: href(page + 1), labelText: `Page ${page + 1} of ${pages}` } : undefined,
  };
}

/** The error page has no fields to fix: each message links to the way back to the form. */
function formError(reply: FastifyReply, returnTo: string, problems: { field: string; message: string }[]) {
  const errors = problems.map((problem) => ({ field: 'return-link', message: problem.message }));
  return reply.status(400).view('search/views/marked-error.njk', { pageTitle: 'Marking records', errors, errorSummaryModel: errorSummary(errors), returnTo });
}

export async function markedPageRoutes(app: FastifyInstance): Promise<void> {
  app.get(MARKED_PAGE, async (request, reply) => {
    const owner = await markedOwner(app.db, request);
    const total = owner ? await countMarked(app.db, owner) : 0;
    const pages = Math.max(1, Math.ceil(total / MARKED_PAGE_SIZE));
    const page = Math.min(pageQuery.parse(request.query).page, pages);
    const ids = owner ? await markedIdsPage(app.db, owner, { offset: (page - 1) * MARKED_PAGE_SIZE, limit: MARKED_PAGE_SIZE }) : [];
    const items: ReturnType<typeof markedItem>[] = [];
    for await (const record of streamRecords(app.db, { ids })) items.push(markedItem(record));
    return reply.view('search/views/marked.njk', {
      pageTitle: page > 1 ? `Marked records (page ${page} of ${pages}) – Search` : 'Marked records – Search',
      total,
      from: (page - 1) * MARKED_PAGE_SIZE + 1,
      items,
      returnTo: page > 1 ? `${MARKED_PAGE}?page=${page}` : MARKED_PAGE,
      paginationModel: pagination(page, pages),
      exportForm: total > 0 ? markedExportForm() : undefined,
    });
  });

  app.post(MARKED_PAGE, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const returnTo = safeReturnTo(typeof body.returnTo === 'string' ? body.returnTo : undefined);
    const parsed = markForm.safeParse(body);
    if (!parsed.success) return formError(reply, returnTo, issuesToFieldErrors(parsed.error.issues));
    const owner = await markedOwner(app.db, request, { create: true });
    if (!owner) throw new Error('a session owner is always created here');
    const { action, id } = parsed.data;
    if (action === 'mark') {
      const added = await markRecords(app.db, owner, id, new Date());
      const total = await countMarked(app.db, owner);
      request.session.flash('success', `${plural(added)} marked${added < id.length ? ` (${plural(id.length - added)} already on your list)` : ''}. You have ${plural(total)} marked.`);
    } else {
      const removed = await unmarkRecords(app.db, owner, id);
      request.session.flash('success', `${plural(removed)} removed from your marked list. You have ${plural(await countMarked(app.db, owner))} marked.`);
    }
    return reply.redirect(returnTo, 303);
  });

  app.get(`${MARKED_PAGE}/clear`, async (request, reply) => {
    const owner = await markedOwner(app.db, request);
    const total = owner ? await countMarked(app.db, owner) : 0;
    return reply.view('search/views/marked-clear.njk', { pageTitle: 'Clear your marked records – Search', total });
  });

  app.post(`${MARKED_PAGE}/clear`, async (request, reply) => {
    const owner = await markedOwner(app.db, request);
    const removed = owner ? await clearMarked(app.db, owner) : 0;
    request.session.flash('success', `Your marked list is cleared (${plural(removed)} removed).`);
    return reply.redirect(MARKED_PAGE, 303);
  });
}
