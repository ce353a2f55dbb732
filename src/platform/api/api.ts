import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { projectVersion } from '../paths.js';
import { apiDocsView } from './api-docs.js';
import { ERROR_CODES } from './error-codes.js';
import { fromZod, zodValidatorCompiler } from './zod-schema.js';

export const API_PREFIX = '/api/v1';

/** The JSON shape of every API error. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES.map((e) => e.code) as [string, ...string[]]).describe('Stable machine-readable code'),
      message: z.string().describe('Plain-English explanation'),
      details: z.unknown().describe('For validation_failed: a list of { field, message }; otherwise null'),
    }),
  })
  .meta({ id: 'Error' });

/** Response schemas for the errors a route can return, for its OpenAPI entry. */
export function errorResponses(...statuses: number[]): Record<number, Record<string, unknown>> {
  const error = fromZod(apiErrorSchema, 'output');
  return Object.fromEntries(statuses.map((status) => [status, { ...error, description: describeStatus(status) }]));
}

function describeStatus(status: number): string {
  return ERROR_CODES.filter((e) => e.status === status).map((e) => e.code).join(', ') || 'Error';
}

const indexSchema = z.object({
  name: z.string(),
  version: z.string(),
  links: z.object({ openapi: z.string(), docs: z.string() }),
});

/**
 * The JSON API platform: zod validation for every route schema, OpenAPI generated from the routes under
 * /api/v1 (modules add theirs with `fromZod` schemas and a tag), and a readable docs page.
 */
async function apiPlugin(app: FastifyInstance): Promise<void> {
  app.setValidatorCompiler(zodValidatorCompiler);
  // Response schemas document; they do not reshape what handlers return.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'khub API',
        version: projectVersion,
        description: 'JSON API of khub. Errors are `{ "error": { "code", "message", "details" } }` with stable codes.',
      },
      servers: [{ url: app.config.baseUrl }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token (khub_…) created by an administrator at /account/api-tokens. Requests without a session cookie need no CSRF token.',
          },
        },
      },
    },
    // Only the versioned API belongs in the document; pages and operations endpoints are hidden.
    transform: ({ schema, url }) => ({
      schema: url.startsWith(API_PREFIX) ? schema : { ...schema, hide: true },
      url,
    }),
  });

  app.get(`${API_PREFIX}`, {
    schema: { tags: ['Meta'], summary: 'What this API is and where its description lives', response: { 200: fromZod(indexSchema, 'output') } },
  }, async () => ({
    name: 'khub',
    version: projectVersion,
    links: { openapi: `${API_PREFIX}/openapi.json`, docs: `${API_PREFIX}/docs` },
  }));

  app.addStartPoint({
    href: `${API_PREFIX}/docs`,
    title: 'Connect a system to khub',
    description: 'The JSON API for integrations and scripts, with its OpenAPI description.',
  });

  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());

  app.get(`${API_PREFIX}/docs`, { schema: { hide: true } }, async (_request, reply) =>
    reply.view('api/api-docs.njk', apiDocsView(app.swagger(), ERROR_CODES)),
  );
}

export default fp(apiPlugin, { name: 'khub-api', dependencies: ['khub-views'] });
