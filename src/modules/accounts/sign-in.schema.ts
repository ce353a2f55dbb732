import { z } from 'zod';

/** Only a path on this site, never `//evil.example` or an absolute URL: no open redirects after sign-in. */
export const returnToSchema = z
  .string()
  .regex(/^\/(?![/\\])[^\s]*$/)
  .max(2000)
  .optional()
  .catch(undefined);

export const signInSchema = z.object({
  email: z.string({ error: 'Enter your email address' }).trim().min(1, 'Enter your email address').max(320),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1024),
  returnTo: returnToSchema,
});

export type SignInInput = z.output<typeof signInSchema>;
