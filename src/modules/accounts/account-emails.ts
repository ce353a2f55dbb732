/** A message for `app.mail.queue`: plain text in the GOV.UK Notify style (short, one link per line). */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}
