import type { MailMessage } from '../../platform/mail/mail.schema.js';

// Plain text in the GOV.UK Notify style: clear subject, short paragraphs, the link on its own line,
// and what to do if the message was not expected.

const lines = (...paragraphs: string[]) => `${paragraphs.join('\n\n')}\n\nkhub\n`;

/** The link that confirms a new account's email address. */
export function verifyEmailEmail(to: string, details: { baseUrl: string; fullName: string; token: string }): MailMessage {
  return {
    to,
    subject: 'Confirm your email address for khub',
    text: lines(
      `Hello ${details.fullName},`,
      'Confirm your email address to finish registering for khub:',
      `${details.baseUrl}/verify-email?token=${details.token}`,
      'The link works once, for 48 hours.',
      'If you did not register for khub, you do not need to do anything. Nobody can use the account unless this link is used.',
    ),
  };
}

/** Sent instead of a link when the address already has an account, so the form never reveals which addresses do. */
export function alreadyRegisteredEmail(to: string, details: { baseUrl: string }): MailMessage {
  return {
    to,
    subject: 'You already have a khub account',
    text: lines(
      'Hello,',
      'Someone, probably you, tried to register for khub with this email address. You already have an account, so we have not made another one.',
      'Sign in:',
      `${details.baseUrl}/sign-in`,
      'If you have forgotten your password, reset it:',
      `${details.baseUrl}/forgot-password`,
      'If this was not you, you do not need to do anything. Your account has not been changed.',
    ),
  };
}
