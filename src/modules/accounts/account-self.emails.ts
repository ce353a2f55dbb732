import type { MailMessage } from '../../platform/mail/mail.schema.js';

// Plain text in the GOV.UK Notify style: clear subject, short paragraphs, the link on its own line,
// and what to do if the change was not made by the account holder.

const lines = (...paragraphs: string[]) => `${paragraphs.join('\n\n')}\n\nkhub\n`;

const notYou = (baseUrl: string) =>
  `If you did not do this, reset your password now and tell your organisation's knowledge and library service:\n${baseUrl}/forgot-password`;

/** To the person after a password change: it was them, or what to do now. */
export function passwordChangedEmail(to: string, details: { baseUrl: string; fullName: string }): MailMessage {
  return {
    to,
    subject: 'Your khub password has been changed',
    text: lines(`Hello ${details.fullName},`, 'The password for your khub account has been changed, and you have been signed out on every other device.', notYou(details.baseUrl)),
  };
}

/** To the new address: the link that makes the change. */
export function confirmNewEmailEmail(to: string, details: { baseUrl: string; fullName: string; token: string }): MailMessage {
  return {
    to,
    subject: 'Confirm your new email address for khub',
    text: lines(
      `Hello ${details.fullName},`,
      'Confirm that you want to use this email address for your khub account:',
      `${details.baseUrl}/account/confirm-email?token=${details.token}`,
      'The link works once, for 24 hours. Until you use it, your account keeps its old address.',
      'If you did not ask for this, you do not need to do anything.',
    ),
  };
}

/** To the new address when it already has an account: the form never says so, this message does (only to its owner). */
export function emailInUseEmail(to: string, details: { baseUrl: string }): MailMessage {
  return {
    to,
    subject: 'This email address already has a khub account',
    text: lines(
      'Hello,',
      'Someone asked to move a khub account to this email address. This address already has its own khub account, so it cannot be used for another one.',
      'If you meant to use this account, sign in with this address:',
      `${details.baseUrl}/sign-in`,
      'If this was not you, you do not need to do anything.',
    ),
  };
}

/** To the old address: a change was asked for (it happens only if the new address confirms). */
export function emailChangeRequestedEmail(to: string, details: { baseUrl: string; fullName: string; newEmail: string }): MailMessage {
  return {
    to,
    subject: 'Someone asked to change your khub email address',
    text: lines(
      `Hello ${details.fullName},`,
      `Someone signed in to your khub account and asked to change its email address to ${details.newEmail}. It will change only when the link we sent to that address is used.`,
      notYou(details.baseUrl),
    ),
  };
}

/** To the old address once the change is made. */
export function emailChangedEmail(to: string, details: { baseUrl: string; fullName: string; newEmail: string; needsApproval: boolean }): MailMessage {
  const approval = details.needsApproval
    ? 'The new address is not one we recognise for your organisation, so your access is paused until an account administrator approves it.'
    : 'Nothing else about your account has changed.';
  return {
    to,
    subject: 'Your khub email address has been changed',
    text: lines(`Hello ${details.fullName},`, `The email address of your khub account is now ${details.newEmail}. Use it to sign in.`, approval, notYou(details.baseUrl)),
  };
}

/** To the old address once the account is deleted. */
export function accountDeletedEmail(to: string, details: { baseUrl: string; fullName: string }): MailMessage {
  return {
    to,
    subject: 'Your khub account has been deleted',
    text: lines(
      `Hello ${details.fullName},`,
      'Your khub account has been deleted, as you asked. Your name, email address, job title and password have been removed, and you have been signed out everywhere.',
      'You can register again at any time:',
      `${details.baseUrl}/register`,
      "If you did not delete your account, contact your organisation's knowledge and library service.",
    ),
  };
}
