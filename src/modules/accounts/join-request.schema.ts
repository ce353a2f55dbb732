import { z } from 'zod';

/** A positive whole number sent as text (a form field or a URL part), with one message for anything else. */
export function idField(message: string) {
  return z
    .string({ error: message })
    .trim()
    .regex(/^[1-9]\d{0,14}$/, { error: message })
    .transform(Number);
}

/** Free text from a textarea: required, trimmed, with a length cap. */
function note(missing: string, what: string, max: number) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${what} must be ${max.toLocaleString('en-GB')} characters or fewer` });
}

export const joinRequestParams = z.object({ id: idField('There is no such join request') });

/** `?organisation=` narrows the queue to one organisation; anything unusable shows every queue the person may see. */
export const queueQuery = z.object({ organisation: idField('Select an organisation').optional().catch(undefined) });

/** Approval needs nothing but the button (and the CSRF token the platform checks). */
export const approveSchema = z.object({});

export const rejectSchema = z.object({
  reason: note('Enter the reason for rejecting the request', 'The reason', 1000).describe('Shown to the person, with how to appeal'),
});

export const moveSchema = z.object({
  organisationId: idField('Select an organisation from the list').describe('The organisation whose queue the request moves to'),
});

export const querySchema = z.object({
  question: note('Enter your question', 'The question', 1000).describe('What the admin needs to know before deciding'),
});

export const answerSchema = z.object({
  answer: note('Enter your answer', 'Your answer', 2000).describe('The person’s answer to the admin’s question'),
});
