import type { FastifySchemaCompiler } from 'fastify';
import { z } from 'zod';
import { issuesToFieldErrors } from '../forms/validation.js';
import { ValidationError } from '../http/errors.js';

type JsonSchema = Record<string, unknown>;

// Each JSON Schema handed to Fastify remembers the zod schema it came from, so validation runs zod
// (one set of rules and messages for forms and API) while the OpenAPI document shows the JSON Schema.
const origins = new WeakMap<object, z.ZodType>();

/**
 * Describes a route part (body, querystring, params, response) with zod for both validation and docs.
 *
 * ### Examples
 * app.post('/api/v1/feedback', { schema: { body: fromZod(feedbackSchema) } }, handler)
 */
export function fromZod(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  origins.set(json, schema);
  return json;
}

/** Fastify validator compiler: every schema must come from `fromZod`, so there is one validation library. */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, method, url, httpPart }) => {
  const zodSchema = origins.get(schema as object);
  if (!zodSchema) throw new Error(`${method} ${url}: the ${httpPart ?? 'request'} schema must be built with fromZod()`);
  return (data: unknown) => {
    const result = zodSchema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new ValidationError(issuesToFieldErrors(result.error.issues)) };
  };
};
