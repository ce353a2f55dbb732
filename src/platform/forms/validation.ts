import type { z } from 'zod';
import type { FieldError } from '../http/errors.js';

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldError[] };

/** Turns zod issues into field errors named by their path (`items.2.title`); form-level issues get `form`. */
export function issuesToFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : 'form',
    message: issue.message,
  }));
}

/** Validates input with a zod schema and returns data or every field error; never throws for bad input. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: issuesToFieldErrors(result.error.issues) };
}

/** What the nhsuk `errorSummary` macro needs: each error links to its field. */
export function errorSummary(errors: readonly FieldError[]) {
  return {
    titleText: 'There is a problem',
    errorList: errors.map((e) => ({ text: e.message, href: `#${e.field.replace(/\./g, '-')}` })),
  };
}

/** The first message per field, for each input's `errorMessage` option. */
export function errorsByField(errors: readonly FieldError[]): Record<string, { text: string }> {
  const byField: Record<string, { text: string }> = {};
  for (const e of errors) byField[e.field] ??= { text: e.message };
  return byField;
}
