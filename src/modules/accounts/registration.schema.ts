import { z } from 'zod';
import { idField } from './join-request.schema.js';
import { MAX_PASSWORD_LENGTH, checkPasswordStrength } from './password.js';
import { STAFF_GROUP_VALUES } from './staff-groups.js';

// Names and titles end up in email text and subjects: a line break there could forge a header.
const NO_CONTROL_CHARACTERS = /^[^\p{Cc}]*$/u;

function line(missing: string, what: string, max: number) {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${what} must be ${max} characters or fewer` })
    .regex(NO_CONTROL_CHARACTERS, { error: `${what} must be on one line` });
}

/** An email address, trimmed and lower-cased (as every address is stored). */
export function emailField(missing = 'Enter your email address') {
  return z
    .string({ error: missing })
    .trim()
    .min(1, { error: missing })
    .max(254, { error: 'Email address must be 254 characters or fewer' })
    .toLowerCase()
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.nhs.uk' }));
}

/** A new password: the length floor and the common-password check; no composition rules (NCSC advice). */
export function newPasswordField(missing = 'Enter a password') {
  return z
    .string({ error: missing })
    .min(1, { error: missing })
    .max(MAX_PASSWORD_LENGTH, { error: `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer` })
    .superRefine((password, ctx) => {
      const check = checkPasswordStrength(password);
      if (!check.ok) ctx.addIssue({ code: 'custom', message: check.message });
    });
}

/** Adds a password issue when the password contains the person's own name or address. */
export function rejectPersonalPassword(password: string, personal: readonly string[], ctx: z.RefinementCtx, field = 'password'): void {
  const check = checkPasswordStrength(password, personal);
  if (!check.ok) ctx.addIssue({ code: 'custom', path: [field], message: check.message });
}

export const DECLARATION_TEXT = 'I work for, or am placed with, the organisation I have chosen, and I will use khub for my health and care work';

/** The registration form's fields, each with its own rules. */
export const registrationFields = z.object({
  fullName: line('Enter your full name', 'Full name', 100),
  email: emailField('Enter your work email address'),
  organisationId: idField('Select your organisation from the list'),
  staffGroup: z.enum(STAFF_GROUP_VALUES, { error: 'Select your staff group' }),
  jobTitle: line('Enter your job title', 'Job title', 100),
  password: newPasswordField('Enter a password'),
  declaration: z.literal('yes', { error: 'Confirm that you work for, or are placed with, the organisation and will use khub for your work' }),
});

/** The registration form. Only once every field is valid: a password made of the person's own name or address is easy to guess. */
export const registrationSchema = registrationFields.superRefine((data, ctx) => rejectPersonalPassword(data.password, [data.fullName, data.email], ctx));

export type RegistrationInput = z.output<typeof registrationSchema>;

/** Asking for a new verification link. */
export const resendSchema = z.object({ email: emailField() });

/** The token in an emailed link, posted back from the confirmation page. */
export const tokenSchema = z.object({ token: z.string({ error: 'The link is not valid' }).trim().min(10).max(200) });
