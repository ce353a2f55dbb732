import { z } from 'zod';

// A line break in a header value would let a caller add headers of their own (header injection).
const singleLine = (text: string) => !/[\r\n]/.test(text);

/**
 * The extra headers a message may carry. A short allow-list rather than any name: the transport sets
 * From, To, Subject, Date, Message-ID and the MIME headers itself, and nothing queued should override them.
 * `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 2369, RFC 8058) let mail clients offer a one-click
 * unsubscribe; `List-Id` names a list; `Auto-Submitted` (RFC 3834) tells autoresponders not to reply.
 */
export const MAIL_HEADER_NAMES = ['List-Unsubscribe', 'List-Unsubscribe-Post', 'List-Id', 'Auto-Submitted'] as const;
export type MailHeaderName = (typeof MAIL_HEADER_NAMES)[number];

/** RFC 5322's limit on a line, less room for the name: longer values are a mistake, not a header. */
const MAX_HEADER_VALUE = 900;

const headerValue = z
  .string({ error: 'A header value must be text' })
  .trim()
  .min(1, { error: 'A header value cannot be empty' })
  .max(MAX_HEADER_VALUE, { error: `A header value cannot be longer than ${MAX_HEADER_VALUE} characters` })
  .refine((value) => singleLine(value) && !value.includes('\0'), { error: 'A header value must be a single line' });

const headersSchema = z
  .strictObject(Object.fromEntries(MAIL_HEADER_NAMES.map((name) => [name, headerValue.optional()])) as Record<MailHeaderName, z.ZodOptional<typeof headerValue>>, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `${issue.keys.join(', ')} cannot be added; only ${MAIL_HEADER_NAMES.join(', ')} can`
        : 'Headers must be an object of names and values',
  })
  .transform((headers) => Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== undefined)) as Partial<Record<MailHeaderName, string>>);

/** A message khub sends: one recipient, a plain-text body, an optional HTML alternative and optional extra headers. */
export const mailMessageSchema = z.object({
  /** The recipient's address. */
  to: z
    .email({ error: 'Enter a valid email address, like name@example.com' })
    .max(254, { error: 'An email address cannot be longer than 254 characters' }),
  /** One line of text. */
  subject: z
    .string({ error: 'Enter a subject' })
    .trim()
    .min(1, { error: 'Enter a subject' })
    .max(200, { error: 'A subject cannot be longer than 200 characters' })
    .refine(singleLine, { error: 'A subject must be a single line' }),
  /** The plain-text body every recipient can read. */
  text: z.string({ error: 'Enter the message text' }).min(1, { error: 'Enter the message text' }),
  /** An HTML version of the same content. */
  html: z.string().optional(),
  /** Extra headers, by name (only `MAIL_HEADER_NAMES`). */
  headers: headersSchema.optional(),
});

/** A message as callers give it to `app.mail.queue`. */
export type MailMessage = z.input<typeof mailMessageSchema>;

/** Extra headers as stored and handed to the transport. */
export type MailHeaders = Partial<Record<MailHeaderName, string>>;
