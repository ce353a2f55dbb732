/**
 * The limits panel: restrict a history line by publication years, language, publication type,
 * humans, age group and abstracts, adding a new line in Ovid's form, as expert tools do:
 * `limit 3 to (english language and humans and yr="2015-2024")`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorSummary, validate } from '../../../platform/forms/validation.js';
import type { FieldError } from '../../../platform/http/errors.js';
import { databaseHistoryEngine } from '../history/history-engine.js';
import { type HistoryLine, addLine, listHistory } from '../history/history.service.js';
import { OVID_AGE_GROUPS, OVID_PUBLICATION_TYPES } from '../query/limits.js';
import { historyOwner } from './advanced-history.js';
import { errorMessage } from './advanced-search.view.js';

export const LIMIT_LANGUAGES = ['english', 'french', 'german', 'spanish', 'italian', 'portuguese', 'dutch', 'russian', 'japanese', 'chinese'] as const;
/** Ovid's age-group names (one name per group). */
export const LIMIT_AGE_GROUPS = Object.keys(OVID_AGE_GROUPS).filter((name) => !name.startsWith('"'));
const FIRST_YEAR = 1800;
const LAST_YEAR = 2999;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const year = (field: string) => z.preprocess(blank, z.coerce.number({ error: `Enter ${field} as a year, like 2015` }).int(`Enter ${field} as a year, like 2015`).min(FIRST_YEAR, `Enter ${field} as a year from ${FIRST_YEAR}`).max(LAST_YEAR, `Enter ${field} as a year before ${LAST_YEAR + 1}`).optional());
const oneOf = (values: readonly string[], message: string) => z.preprocess(blank, z.enum(values as [string, ...string[]], { error: message }).optional());

export const limitsForm = z
  .object({
    line: z.coerce.number({ error: 'Choose the line to limit' }).int('Choose the line to limit').positive('Choose the line to limit'),
    yearFrom: year('the first year'),
    yearTo: year('the last year'),
    language: oneOf(LIMIT_LANGUAGES, 'Choose a language from the list'),
    publicationType: oneOf(OVID_PUBLICATION_TYPES, 'Choose a publication type from the list'),
    ageGroup: oneOf(LIMIT_AGE_GROUPS, 'Choose an age group from the list'),
    humans: z.preprocess(blank, z.literal('yes').optional()),
    abstracts: z.preprocess(blank, z.literal('yes').optional()),
  })
  .superRefine((form, ctx) => {
    if (form.yearTo !== undefined && form.yearFrom === undefined) ctx.addIssue({ code: 'custom', path: ['yearFrom'], message: 'Enter the first year as well as the last' });
    if (form.yearFrom !== undefined && form.yearTo !== undefined && form.yearTo < form.yearFrom) ctx.addIssue({ code: 'custom', path: ['yearTo'], message: 'The last year must be the same as or after the first year' });
    const chosen = [form.yearFrom, form.language, form.publicationType, form.ageGroup, form.humans, form.abstracts].some((v) => v !== undefined);
    if (!chosen) ctx.addIssue({ code: 'custom', path: ['yearFrom'], message: 'Choose at least one limit' });
  });

export type LimitsForm = z.output<typeof limitsForm>;

/** The Ovid line for the chosen limits, in the order Ovid's limit dialog writes them. */
export function limitLine(form: LimitsForm): string {
  const items: string[] = [];
  if (form.language) items.push(`${form.language} language`);
  if (form.humans) items.push('humans');
  if (form.ageGroup) items.push(`"${form.ageGroup}"`);
  if (form.publicationType) items.push(form.publicationType);
  if (form.abstracts) items.push('abstracts');
  if (form.yearFrom !== undefined) items.push(`yr="${form.yearFrom}${form.yearTo === undefined ? ' -Current' : form.yearTo === form.yearFrom ? '' : `-${form.yearTo}`}"`);
  return `limit ${form.line} to ${items.length > 1 ? `(${items.join(' and ')})` : items[0]}`;
}

function limitsView(lines: readonly HistoryLine[], values: Record<string, unknown>, errors: readonly FieldError[]) {
  const usable = lines.filter((line) => !line.error);
  const selected = String(values.line ?? usable.at(-1)?.number ?? '');
  const options = (list: readonly string[], value: unknown, none: string) => [{ value: '', text: none }, ...list.map((v) => ({ value: v, text: v, selected: v === value }))];
  return {
    pageTitle: 'Limits – Expert search',
    lines: usable.map((line) => ({ value: String(line.number), text: `#${line.number}: ${line.text} (${line.hits?.toLocaleString('en-GB')})`, selected: String(line.number) === selected })),
    values,
    languages: options(LIMIT_LANGUAGES, values.language, 'Any language'),
    publicationTypes: options(OVID_PUBLICATION_TYPES, values.publicationType, 'Any publication type'),
    ageGroups: options(LIMIT_AGE_GROUPS, values.ageGroup, 'Any age'),
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: Object.fromEntries([...errors].reverse().map((e) => [e.field, { text: e.message }])),
  };
}

export async function advancedLimitRoutes(app: FastifyInstance): Promise<void> {
  async function render(request: FastifyRequest, reply: FastifyReply, status: number, values: Record<string, unknown>, errors: readonly FieldError[] = []) {
    const owner = await historyOwner(app.db, request, false);
    const lines = owner ? await listHistory(app.db, owner) : [];
    return reply.status(status).view('search/views/advanced-limits.njk', limitsView(lines, values, errors));
  }

  app.get('/search/advanced/limits', async (request, reply) => {
    const line = z.object({ line: z.coerce.number().int().positive().optional().catch(undefined) }).parse(request.query).line;
    return render(request, reply, 200, line === undefined ? {} : { line });
  });

  app.post('/search/advanced/limits', async (request, reply) => {
    const values = (request.body ?? {}) as Record<string, unknown>;
    const input = validate(limitsForm, values);
    if (!input.ok) return render(request, reply, 400, values, input.errors);
    const owner = await historyOwner(app.db, request, false);
    const target = owner ? (await listHistory(app.db, owner)).find((line) => line.number === input.data.line && !line.error) : undefined;
    if (!owner || !target) return render(request, reply, 400, values, [{ field: 'line', message: 'Choose a line of your history that has results' }]);
    const line = await addLine(app.db, owner, limitLine(input.data), databaseHistoryEngine(app.db));
    if (line.error) return render(request, reply, 400, values, [{ field: 'line', message: `Line ${line.number}: ${errorMessage(line.error)}` }]);
    request.session.flash('expertSearch', `Line ${line.number} (${line.text}) found ${line.hits?.toLocaleString('en-GB')} records`);
    return reply.redirect('/search/advanced', 303);
  });
}
