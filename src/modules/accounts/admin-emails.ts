import type { MailMessage } from './account-emails.js';

/** Told when an admin suspends the account: why, and how to appeal. */
export function accountSuspendedEmail(to: string, reason: string, baseUrl: string): MailMessage {
  return {
    to,
    subject: 'Your khub account has been suspended',
    text: [
      'An administrator has suspended your khub account, and you have been signed out.',
      '',
      `The reason given: ${reason}`,
      '',
      'If you think this is wrong, reply to your organisation’s account administrator or contact your library service, saying why.',
      `Find your library: ${baseUrl}/`,
      '',
      'If nothing changes, the account and its data will be deleted after 90 days.',
    ].join('\n'),
  };
}

/** Told when an admin reactivates the account, with the date access now ends. */
export function accountReactivatedEmail(to: string, baseUrl: string, expiresOn: string | null): MailMessage {
  return {
    to,
    subject: 'Your khub account is active again',
    text: [
      'An administrator has reactivated your khub account. You can sign in again:',
      `${baseUrl}/sign-in`,
      ...(expiresOn ? ['', `Your access lasts until ${expiresOn}, when you will be asked to confirm you are still eligible.`] : []),
    ].join('\n'),
  };
}

/** Told when an admin moves the account to another organisation. */
export function accountMovedEmail(to: string, organisationName: string): MailMessage {
  return {
    to,
    subject: 'Your khub account has moved to another organisation',
    text: [
      `An administrator has moved your khub account to ${organisationName}.`,
      '',
      'If this is wrong, contact your library service.',
    ].join('\n'),
  };
}

/** Told when a role is granted or removed. */
export function roleChangedEmail(to: string, change: 'granted' | 'removed', roleLabel: string): MailMessage {
  const line = change === 'granted' ? `You are now a ${roleLabel.toLowerCase()} in khub.` : `You are no longer a ${roleLabel.toLowerCase()} in khub.`;
  return {
    to,
    subject: change === 'granted' ? `You have a new role in khub: ${roleLabel}` : `A role has been removed from your khub account: ${roleLabel}`,
    text: [line, '', 'If you did not expect this, contact your library service.'].join('\n'),
  };
}

/** The invitation for an account an admin created by upload: the link sets a password and confirms eligibility. */
export function invitationEmail(to: string, fullName: string, organisationName: string, link: string): MailMessage {
  return {
    to,
    subject: 'You have a khub account: choose your password',
    text: [
      `Dear ${fullName},`,
      '',
      `Your organisation, ${organisationName}, has set up a khub account for you. khub gives NHS staff evidence, e-resources and library help.`,
      '',
      'To start using it, open this link within 14 days, confirm you are eligible and choose a password:',
      link,
      '',
      'If the link has expired, use “Forgotten your password?” on the sign-in page with this email address.',
    ].join('\n'),
  };
}
