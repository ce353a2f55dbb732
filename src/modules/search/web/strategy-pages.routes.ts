/**
 * Saved strategies (signed-in members only): save the history under a name, list them, run one again
 * to see each line's count then and now, and delete one. Another member's strategy is a 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../../../platform/auth/guards.js';
import { validate } from '../../../platform/forms/validation.js';
import { NotFoundError } from '../../../platform/http/errors.js';
import { listHistory } from '../history/history.service.js';
import { deleteStrategy, findStrategy, listStrategies, rerunStrategy, saveStrategy } from '../strategies/strategy.service.js';
import { renderHistoryPage } from './advanced-history-page.js';
import { historyOwner } from './advanced-history.js';
import { utc } from './advanced-report.routes.js';

const saveForm = z.object({
  name: z
    .string({ error: 'Enter a name for the strategy' })
    .transform((s) => s.replaceAll('\0', '').trim())
    .pipe(z.string().min(1, 'Enter a name for the strategy').max(200, 'A name can be up to 200 characters')),
});
const strategyParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

function strategyId(request: FastifyRequest): number {
  const parsed = strategyParams.safeParse(request.params);
  if (!parsed.success) throw new NotFoundError('strategy_not_found', 'There is no such saved strategy.');
  return parsed.data.id;
}

const notFound = () => new NotFoundError('strategy_not_found', 'There is no such saved strategy.');

export async function strategyPageRoutes(app: FastifyInstance): Promise<void> {
  app.post('/search/strategies', async (request, reply) => {
    const user = requireUser(request);
    const input = validate(saveForm, request.body ?? {});
    const owner = (await historyOwner(app.db, request, false)) as string;
    const lines = await listHistory(app.db, owner);
    if (!input.ok) return renderHistoryPage(app.db, request, reply, 400, { errors: input.errors.map((e) => ({ ...e, field: 'name' })) });
    if (lines.length === 0) return renderHistoryPage(app.db, request, reply, 400, { errors: [{ field: 'name', message: 'Run a search before saving the strategy' }] });
    const id = await saveStrategy(app.db, user.id, input.data.name, lines);
    request.session.flash('strategy', `Saved “${input.data.name}” with ${lines.length} line${lines.length > 1 ? 's' : ''}`);
    return reply.redirect(`/search/strategies/${id}`, 303);
  });

  app.get('/search/strategies', async (request, reply) => {
    const user = requireUser(request);
    const strategies = await listStrategies(app.db, user.id);
    return reply.view('search/views/strategy-list.njk', {
      pageTitle: 'Saved strategies',
      strategies: strategies.map((s) => ({ ...s, createdAt: utc(s.createdAt), rerunAt: s.rerunAt ? utc(s.rerunAt) : null })),
      successMessages: request.session.takeFlash('strategy'),
    });
  });

  app.get('/search/strategies/:id', async (request, reply) => {
    const user = requireUser(request);
    const strategy = await findStrategy(app.db, user.id, strategyId(request));
    if (!strategy) throw notFound();
    return reply.view('search/views/strategy.njk', {
      pageTitle: `${strategy.name} – Saved strategies`,
      strategy: { ...strategy, createdAt: utc(strategy.createdAt), rerunAt: strategy.rerunAt ? utc(strategy.rerunAt) : null },
      rows: strategy.lines.map((l) => ({ ...l, runAt: utc(l.runAt), change: l.hits !== null && l.rerunHits !== null ? l.rerunHits - l.hits : null })),
      successMessages: request.session.takeFlash('strategy'),
    });
  });

  app.post('/search/strategies/:id/rerun', async (request, reply) => {
    const user = requireUser(request);
    const id = strategyId(request);
    if (!(await rerunStrategy(app.db, user.id, id))) throw notFound();
    request.session.flash('strategy', 'The strategy was run again: today’s counts are beside the saved ones');
    return reply.redirect(`/search/strategies/${id}`, 303);
  });

  app.post('/search/strategies/:id/delete', async (request, reply) => {
    const user = requireUser(request);
    const id = strategyId(request);
    const strategy = await findStrategy(app.db, user.id, id);
    if (!strategy || !(await deleteStrategy(app.db, user.id, id))) throw notFound();
    request.session.flash('strategy', `Deleted “${strategy.name}”`);
    return reply.redirect('/search/strategies', 303);
  });
}
