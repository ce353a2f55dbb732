import type { MailMessage } from './account-emails.js';

export function resetLinkEmail(to: string, link: string): MailMessage {
  return {
    to,
    subject: 'Reset your khub password',
    text: [
      'Someone asked to reset the password of the khub account for this email address.',
      '',
      'To choose a new password, open this link within 1 hour:',
      link,
      '',
      'If it was not you, ignore this email: your password has not changed.',
    ].join('\n'),
  };
}

export function passwordChangedEmail(to: string, baseUrl: string): MailMessage {
  return {
    to,
    subject: 'Your khub password has been changed',
    text: [
      'The password of your khub account has just been changed, and every other session has been signed out.',
      '',
      `If it was not you, reset your password now: ${baseUrl}/forgot-password`,
      'and tell your library service.',
    ].join('\n'),
  };
}
