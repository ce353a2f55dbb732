import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.js';
import type { MailHeaders } from './mail.schema.js';

/** One outbox message on its way out. */
export interface OutgoingMail {
  /** The outbox row id. */
  readonly id: number;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  /** Extra headers (validated when queued: allow-listed names, single-line values). */
  readonly headers?: MailHeaders;
}

/** Delivers messages; `send` resolves with a delivery reference (SMTP message id or file path). */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<string>;
  close(): void;
}

// nodemailer's defaults wait up to 10 minutes on a silent server; a job's claim lasts 5.
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** The same message options for both transports, so the `.eml` file is what SMTP would have carried. */
function messageOptions(config: Config, mail: OutgoingMail) {
  return { from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: { ...mail.headers } };
}

function smtpTransport(config: Config): MailTransport {
  const transporter = nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail(messageOptions(config, mail));
      return info.messageId;
    },
    close: () => transporter.close(),
  };
}

function fileName(mail: OutgoingMail, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return `${stamp}-${mail.id}.eml`;
}

/** Writes each message as an RFC 822 `.eml` file, which any mail client opens: for development and evaluation. */
function fileTransport(config: Config): MailTransport {
  const folder = resolve(config.outboxDir);
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'file',
    async send(mail) {
      const info = await builder.sendMail(messageOptions(config, mail));
      await mkdir(folder, { recursive: true });
      const path = join(folder, fileName(mail, new Date()));
      await writeFile(path, info.message);
      return path;
    },
    close: () => builder.close(),
  };
}

/** SMTP when `config.smtpUrl` is set; otherwise `.eml` files in `config.outboxDir`. */
export function createMailTransport(config: Config): MailTransport {
  return config.smtpUrl ? smtpTransport(config) : fileTransport(config);
}
