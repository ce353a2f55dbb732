import type { Library } from './library.service.js';

/** A message for `app.mail.queue`: plain text in the GOV.UK Notify style, each link on a line of its own. */
export interface DirectoryMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const longDate = (isoDate: string) => dateFormat.format(new Date(`${isoDate}T12:00:00Z`));

/** Sent once a year to a service's managers when its entry has not been verified for 12 months. */
export function verificationReminderEmail(to: string, library: Library, baseUrl: string): DirectoryMail {
  const when = library.lastVerifiedOn ? `was last verified on ${longDate(library.lastVerifiedOn)}` : 'has never been verified';
  return {
    to,
    subject: `Check your library directory entry: ${library.name}`.slice(0, 200),
    text: [
      `The khub library directory entry for ${library.name} ${when}.`,
      '',
      'Staff use it to find your library, its opening hours and who to contact. Please check it is still right:',
      `${baseUrl}/libraries/${library.id}`,
      '',
      'If anything has changed, update it here (sign in first):',
      `${baseUrl}/libraries/${library.id}/edit`,
      '',
      'If everything is right, press "Mark as verified today" on the entry. Until then it shows a warning that it may be out of date.',
    ].join('\n'),
  };
}

/** Sent to a service's managers when someone reports that its entry is wrong. */
export function correctionEmail(to: string, library: Library, report: { details: string; email?: string | undefined }, baseUrl: string): DirectoryMail {
  return {
    to,
    subject: `Correction reported for ${library.name}`.slice(0, 200),
    text: [
      `Someone using the khub library directory says the entry for ${library.name} needs correcting:`,
      '',
      ...report.details.split(/\r?\n/).map((line) => `> ${line}`),
      '',
      report.email ? `They left an email address for a reply: ${report.email}` : 'They did not leave an email address.',
      '',
      'The entry:',
      `${baseUrl}/libraries/${library.id}`,
      '',
      'To change it (sign in first):',
      `${baseUrl}/libraries/${library.id}/edit`,
      '',
      'When it is dealt with, mark it resolved in the list of corrections reported:',
      `${baseUrl}/libraries/${library.id}/corrections`,
    ].join('\n'),
  };
}
