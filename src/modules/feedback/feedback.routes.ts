import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { API_PREFIX, errorResponses } from '../../platform/api/api.js';
import { fromZod } from '../../platform/api/zod-schema.js';
import { errorsByField, errorSummary, validate } from '../../platform/forms/validation.js';
import type { FieldError } from '../../platform/http/errors.js';
import { RATINGS, feedbackSchema } from './feedback.schema.js';
import { submitFeedback } from './feedback.service.js';

const formQuery = z.object({ from: z.string().startsWith('/').max(500).optional().catch(undefined) });

function formView(values: Record<string, unknown>, errors: FieldError[] = []) {
  return {
    pageTitle: 'Give feedback about khub',
    values,
    ratings: RATINGS.map((r) => ({ ...r, checked: r.value === values.rating })),
    errors,
    errorSummaryModel: errorSummary(errors),
    fieldErrors: errorsByField(errors),
  };
}

export async function feedbackRoutes(app: FastifyInstance): Promise<void> {
  app.get('/feedback', async (request, reply) => {
    const { from } = formQuery.parse(request.query);
    return reply.view('feedback/views/feedback.njk', formView({ page: from ?? '' }));
  });

  app.post('/feedback', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const result = validate(feedbackSchema, body);
    if (!result.ok) return reply.status(400).view('feedback/views/feedback.njk', formView(body, result.errors));
    await submitFeedback(app.db, result.data);
    return reply.redirect('/feedback/thank-you', 303);
  });

  app.get('/feedback/thank-you', async (_request, reply) =>
    reply.view('feedback/views/thank-you.njk', { pageTitle: 'Thank you for your feedback' }),
  );

  app.post(`${API_PREFIX}/feedback`, {
    schema: {
      tags: ['Feedback'],
      summary: 'Send feedback about khub',
      body: fromZod(feedbackSchema),
      response: { 201: fromZod(z.object({ id: z.number().int() }), 'output'), ...errorResponses(400, 413, 415, 429) },
    },
  }, async (request, reply) => {
    const id = await submitFeedback(app.db, feedbackSchema.parse(request.body));
    return reply.status(201).send({ id });
  });
}
