import { z } from 'zod';

// A line break in a header value would let a caller add headers of their own (header injection).
const singleLine = (text: string) => !/[\r\n]/.test(text);

/** A message khub sends: one recipient, a plain-text body and an optional HTML alternative. */
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
});

/** A message as callers give it to `app.mail.queue`. */
export type MailMessage = z.input<typeof mailMessageSchema>;
