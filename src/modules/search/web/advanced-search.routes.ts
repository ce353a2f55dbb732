/**
 * Expert search at `/search/advanced`: run a line in any syntax, paste a whole strategy, combine
 * chosen lines, edit a line (re-running the lines that use it), delete a line nothing uses, clear.
 * The thesaurus, limits, report and saved-strategy pages register from their own files.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { validate } from '../../../platform/forms/validation.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { databaseHistoryEngine } from '../history/history-engine.js';
import { HistoryLineNotFoundError, LineInUseError, addLine, clearHistory, deleteLine, editLine, listHistory, runStrategy } from '../history/history.service.js';
import { advancedLimitRoutes } from './advanced-limits.routes.js';
import { advancedReportRoutes } from './advanced-report.routes.js';
import { advancedThesaurusRoutes } from './advanced-thesaurus.routes.js';
import { errorMessage, markError } from './advanced-search.view.js';
import { type HistoryPageState, renderHistoryPage } from './advanced-history-page.js';
import { historyOwner } from './advanced-history.js';
import { strategyPageRoutes } from './strategy-pages.routes.js';

const MAX_LINE = 4000;
const MAX_STRATEGY = 100_000;
const text = (max: number, empty: string, long: string) =>
  z
    .string({ error: empty })
    .transform((s) => s.replaceAll('\0', '').trim())
    .pipe(z.string().min(1, empty).max(max, long));

const lineForm = z.object({ q: text(MAX_LINE, 'Enter a search', `A search can be up to ${MAX_LINE.toLocaleString('en-GB')} characters`) });
const strategyForm = z.object({ strategy: text(MAX_STRATEGY, 'Paste a search strategy', `A strategy can be up to ${MAX_STRATEGY.toLocaleString('en-GB')} characters`) });
const combineForm = z.object({
  line: z
    .union([z.string(), z.array(z.string())], { error: 'Select at least 2 lines to combine' })
    .transform((v) => [...new Set((Array.isArray(v) ? v : [v]).map(Number))])
    .pipe(z.array(z.number().int().positive()).min(2, 'Select at least 2 lines to combine')),
  operator: z.enum(['AND', 'OR'], { error: 'Choose AND or OR' }),
});
const lineParams = z.object({ number: z.coerce.number().int().positive().max(1_000_000) });

const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

function lineNumberOf(request: FastifyRequest): number {
  const parsed = lineParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('history_line_not_found', 'There is no such line in your search history.');
  return parsed.data.number;
}

/** Redirects back to the history, with a message for the next page. */
function backToHistory(request: FastifyRequest, reply: FastifyReply, message: string) {
  request.session.flash('expertSearch', message);
  return reply.redirect('/search/advanced', 303);
}

export async function advancedSearchRoutes(app: FastifyInstance): Promise<void> {
  const renderHistory = (request: FastifyRequest, reply: FastifyReply, status: number, state: HistoryPageState = {}) => renderHistoryPage(app.db, request, reply, status, state);

  app.get('/search/advanced', async (request, reply) => renderHistory(request, reply, 200));

  app.post('/search/advanced/lines', async (request, reply) => {
    const input = validate(lineForm, body(request));
    if (!input.ok) return renderHistory(request, reply, 400, { errors: input.errors.map((e) => ({ ...e, field: 'q' })) });
    const owner = (await historyOwner(app.db, request, true)) as string;
    const line = await addLine(app.db, owner, input.data.q, databaseHistoryEngine(app.db));
    if (line.error) return renderHistory(request, reply, 400, { box: input.data.q, boxError: line.error, errors: [{ field: 'q', message: `Line ${line.number}: ${errorMessage(line.error)}` }] });
    return backToHistory(request, reply, `Line ${line.number} found ${line.hits?.toLocaleString('en-GB')} records`);
  });

  app.post('/search/advanced/strategy', async (request, reply) => {
    const input = validate(strategyForm, body(request));
    if (!input.ok) return renderHistory(request, reply, 400, { errors: input.errors.map((e) => ({ ...e, field: 'strategy' })) });
    const owner = (await historyOwner(app.db, request, true)) as string;
    const lines = await runStrategy(app.db, owner, input.data.strategy, databaseHistoryEngine(app.db));
    const failed = lines.filter((line) => line.error).map((line) => line.number);
    if (lines.length === 0) return renderHistory(request, reply, 400, { strategy: input.data.strategy, errors: [{ field: 'strategy', message: 'The strategy has no searches: only headings or comments' }] });
    const outcome = failed.length > 0 ? `; line${failed.length > 1 ? 's' : ''} ${failed.join(', ')} had errors` : '';
    return backToHistory(request, reply, `Ran ${lines.length} line${lines.length > 1 ? 's' : ''} of the strategy as lines ${lines[0]?.number} to ${lines.at(-1)?.number}${outcome}`);
  });

  app.post('/search/advanced/combine', async (request, reply) => {
    const input = validate(combineForm, body(request));
    if (!input.ok) return renderHistory(request, reply, 400, { errors: input.errors.map((e) => ({ ...e, field: e.field === 'operator' ? 'operator' : 'combine' })) });
    const owner = (await historyOwner(app.db, request, true)) as string;
    const numbers = input.data.line.sort((a, b) => a - b);
    const line = await addLine(app.db, owner, numbers.map((n) => `#${n}`).join(` ${input.data.operator} `), databaseHistoryEngine(app.db));
    if (line.error) return renderHistory(request, reply, 400, { errors: [{ field: 'combine', message: `Line ${line.number}: ${errorMessage(line.error)}` }] });
    return backToHistory(request, reply, `Line ${line.number} (${line.text}) found ${line.hits?.toLocaleString('en-GB')} records`);
  });

  app.get('/search/advanced/lines/:number/edit', async (request, reply) => {
    const number = lineNumberOf(request);
    const owner = await historyOwner(app.db, request, false);
    const line = owner ? (await listHistory(app.db, owner)).find((l) => l.number === number) : undefined;
    if (!line) throw new NotFoundError('history_line_not_found', `There is no line ${number} in your search history.`);
    return reply.view('search/views/advanced-edit.njk', { pageTitle: `Edit line ${number} – Expert search`, number, box: line.text, errors: [], fieldErrors: {} });
  });

  app.post('/search/advanced/lines/:number/edit', async (request, reply) => {
    const number = lineNumberOf(request);
    const input = validate(lineForm, body(request));
    const render = (status: number, box: string, message: string, marked?: ReturnType<typeof markError>) =>
      reply.status(status).view('search/views/advanced-edit.njk', {
        pageTitle: `Edit line ${number} – Expert search`,
        number,
        box,
        boxMarked: marked,
        errors: [{ field: 'q', message }],
        errorSummaryModel: { titleText: 'There is a problem', errorList: [{ text: message, href: '#q' }] },
        fieldErrors: { q: { text: message } },
      });
    if (!input.ok) return render(400, '', input.errors[0]?.message ?? 'Enter a search');
    const owner = await historyOwner(app.db, request, false);
    if (!owner) throw new NotFoundError('history_line_not_found', `There is no line ${number} in your search history.`);
    let rerun;
    try {
      rerun = await editLine(app.db, owner, number, input.data.q, databaseHistoryEngine(app.db));
    } catch (error) {
      if (error instanceof HistoryLineNotFoundError) throw new NotFoundError('history_line_not_found', error.message);
      throw error;
    }
    const [edited, ...dependants] = rerun;
    if (edited?.error) return render(400, input.data.q, `Line ${number}: ${errorMessage(edited.error)}`, markError(input.data.q, edited.error));
    const also = dependants.length > 0 ? `, and the lines that use it (${dependants.map((l) => l.number).join(', ')}) were run again` : '';
    return backToHistory(request, reply, `Line ${number} now finds ${edited?.hits?.toLocaleString('en-GB')} records${also}`);
  });

  app.post('/search/advanced/lines/:number/delete', async (request, reply) => {
    const number = lineNumberOf(request);
    const owner = await historyOwner(app.db, request, false);
    try {
      if (!owner) throw new HistoryLineNotFoundError(number);
      await deleteLine(app.db, owner, number);
    } catch (error) {
      if (error instanceof LineInUseError) return renderHistory(request, reply, 409, { errors: [{ field: `line-${number}`, message: error.message }] });
      if (error instanceof HistoryLineNotFoundError) throw new NotFoundError('history_line_not_found', error.message);
      throw error;
    }
    return backToHistory(request, reply, `Line ${number} was deleted`);
  });

  app.get('/search/advanced/clear', async (request, reply) => {
    const owner = await historyOwner(app.db, request, false);
    const lines = owner ? await listHistory(app.db, owner) : [];
    return reply.view('search/views/advanced-clear.njk', { pageTitle: 'Clear your search history? – Expert search', count: lines.length });
  });

  app.post('/search/advanced/clear', async (request, reply) => {
    const owner = await historyOwner(app.db, request, false);
    if (owner) await clearHistory(app.db, owner);
    return backToHistory(request, reply, 'Your search history was cleared');
  });

  await app.register(advancedThesaurusRoutes);
  await app.register(advancedLimitRoutes);
  await app.register(advancedReportRoutes);
  await app.register(strategyPageRoutes);
}
