import { z } from 'zod';
import { emailField, newPasswordField, registrationFields } from './registration.schema.js';

/** The password the person has now, to prove it is them before a sensitive change. */
const currentPassword = (missing: string) => z.string({ error: missing }).min(1, { error: missing }).max(1024, { error: missing });

export const changePasswordSchema = z.object({
  currentPassword: currentPassword('Enter your current password'),
  newPassword: newPasswordField('Enter a new password'),
});

export const changeEmailSchema = z.object({
  newEmail: emailField('Enter your new email address'),
  password: currentPassword('Enter your password'),
});

export const deleteAccountSchema = z.object({
  password: currentPassword('Enter your password to delete your account'),
});

/** Name, job title and staff group: the details a person may correct themselves (the same rules as at registration). */
export const accountDetailsSchema = registrationFields.pick({ fullName: true, jobTitle: true, staffGroup: true });

export type ChangePasswordInput = z.output<typeof changePasswordSchema>;
export type ChangeEmailInput = z.output<typeof changeEmailSchema>;
export type AccountDetailsInput = z.output<typeof accountDetailsSchema>;
