import type { MailMessage } from './account-emails.js';

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** Sent 4 and 2 weeks before access ends. */
export function expiryWarningEmail(to: string, days: number, expiresAt: Date, renewLink: string): MailMessage {
  const weeks = Math.round(days / 7);
  return {
    to,
    subject: `Your khub account expires in ${weeks} weeks`,
    text: [
      `Your khub account expires on ${dateFormat.format(expiresAt)}.`,
      '',
      'To keep using khub, confirm you are still eligible. It takes a minute:',
      renewLink,
      '',
      'If you have left the NHS or no longer need khub, you need not do anything: the account will be suspended when it expires and deleted later.',
    ].join('\n'),
  };
}

/** Sent when access ends; the link works for 30 days, and the data is deleted after the grace period. */
export function accountExpiredEmail(to: string, renewLink: string, deletionDueAt: Date): MailMessage {
  return {
    to,
    subject: 'Your khub account has expired',
    text: [
      'Your khub account has expired because your eligibility was not confirmed in time, and you have been signed out.',
      '',
      'To use khub again, confirm you are still eligible:',
      renewLink,
      '',
      `If you do nothing, the account and its data will be deleted on ${dateFormat.format(deletionDueAt)}.`,
    ].join('\n'),
  };
}

/** Sent after a renewal, with the new end date. */
export function accountRenewedEmail(to: string, expiresAt: Date): MailMessage {
  return {
    to,
    subject: 'Your khub account has been renewed',
    text: [`Thank you for confirming you are still eligible. Your khub account now lasts until ${dateFormat.format(expiresAt)}.`, '', 'If it was not you, contact your library service.'].join('\n'),
  };
}
