import type { MailMessage } from '../../platform/mail/mail.schema.js';

// Plain-text messages in the GOV.UK Notify style: a clear subject, short paragraphs, each link on
// its own line, and what to do if the message was unexpected. Never a password.

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });

/** 4 March 2028, as people read dates in email. */
export function emailDate(iso: string): string {
  return longDate.format(new Date(iso));
}

const lines = (...paragraphs: string[]) => `${paragraphs.join('\n\n')}\n\nkhub\n`;

/** Keeps a subject within the outbox's 200 characters whatever an organisation is called. */
export function subjectPart(text: string, max = 100): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** To an organisation's admins: a request waits in their queue. */
export function joinRequestWaitingEmail(to: string, details: { baseUrl: string; requestId: number; organisationName: string; personName: string; domain: string }): MailMessage {
  return {
    to,
    subject: `A request to join ${subjectPart(details.organisationName)} is waiting for a decision`,
    text: lines(
      'Hello,',
      `${details.personName} has asked for a khub account with ${details.organisationName}. Their email address (at ${details.domain}) is not one we recognise for the organisation, so an account administrator needs to check it.`,
      'Approve, reject, move or query the request:',
      `${details.baseUrl}/admin/join-requests/${details.requestId}`,
      'You are getting this email because you are an account administrator for this organisation.',
    ),
  };
}

/** To the person: approved, with the date access ends. */
export function joinRequestApprovedEmail(to: string, details: { baseUrl: string; fullName: string; organisationName: string; expiresAt: string }): MailMessage {
  return {
    to,
    subject: 'Your khub account has been approved',
    text: lines(
      `Hello ${details.fullName},`,
      `Your request to join ${details.organisationName} on khub has been approved. You can now use khub.`,
      'Sign in:',
      `${details.baseUrl}/sign-in`,
      `Your access lasts until ${emailDate(details.expiresAt)}. We will email you before then to ask you to confirm you are still eligible.`,
    ),
  };
}

/** To the person: rejected, why, and how to appeal. */
export function joinRequestRejectedEmail(to: string, details: { baseUrl: string; fullName: string; organisationName: string; reason: string; requestId: number }): MailMessage {
  return {
    to,
    subject: 'Your request for a khub account was not approved',
    text: lines(
      `Hello ${details.fullName},`,
      `An account administrator for ${details.organisationName} did not approve your request for a khub account.`,
      `The reason they gave:\n${details.reason}`,
      `If you think this is wrong, contact the knowledge and library service that serves ${details.organisationName} and ask them to review the decision. Quote reference JR-${details.requestId}.`,
      'If you chose the wrong organisation, or your details have changed, you can see your account here:',
      `${details.baseUrl}/account`,
    ),
  };
}

/** To the person: the request now sits with another organisation (or was approved there at once). */
export function joinRequestMovedEmail(to: string, details: { baseUrl: string; fullName: string; fromName: string; toName: string; approved: boolean }): MailMessage {
  const outcome = details.approved
    ? `Your email address belongs to ${details.toName}, so your account has been approved. You can now use khub.`
    : `An account administrator for ${details.toName} will now check your request. We will email you when they decide.`;
  return {
    to,
    subject: `Your khub account request has been moved to ${subjectPart(details.toName)}`,
    text: lines(
      `Hello ${details.fullName},`,
      `An account administrator for ${details.fromName} has moved your request for a khub account to ${details.toName}.`,
      outcome,
      'See your account:',
      `${details.baseUrl}/account`,
    ),
  };
}

/** To the person: the admin has a question before deciding. */
export function joinRequestQueriedEmail(to: string, details: { baseUrl: string; fullName: string; organisationName: string; question: string }): MailMessage {
  return {
    to,
    subject: 'A question about your khub account request',
    text: lines(
      `Hello ${details.fullName},`,
      `An account administrator for ${details.organisationName} needs more information before they can approve your khub account.`,
      `Their question:\n${details.question}`,
      'Sign in and answer it on your account page:',
      `${details.baseUrl}/account`,
      'Your request will wait until you answer.',
    ),
  };
}

/** To the organisation's admins: the person has answered their question. */
export function joinRequestAnsweredEmail(to: string, details: { baseUrl: string; requestId: number; organisationName: string; personName: string; answer: string }): MailMessage {
  return {
    to,
    subject: `An answer to your question about joining ${subjectPart(details.organisationName)}`,
    text: lines(
      'Hello,',
      `${details.personName} has answered the question about their request to join ${details.organisationName} on khub.`,
      `Their answer:\n${details.answer}`,
      'Decide the request:',
      `${details.baseUrl}/admin/join-requests/${details.requestId}`,
    ),
  };
}
