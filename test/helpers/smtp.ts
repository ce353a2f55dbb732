import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { SMTPServer } from 'smtp-server';

/** One message the sink accepted: the envelope, the decoded subject and plain text, and the raw RFC 5322 source. */
export interface ReceivedMail {
  /** The envelope sender (`MAIL FROM`), or '' for a null sender. */
  readonly from: string;
  /** The envelope recipients (`RCPT TO`). */
  readonly to: readonly string[];
  /** The Subject header, unfolded and with RFC 2047 encoded words decoded. */
  readonly subject: string;
  /**
   * The plain-text body (the `text/plain` part of a multipart message), transfer encoding undone, lines ending
   * in `\n`. A final line end cannot be told apart from SMTP's own, so the text never ends with one.
   */
  readonly text: string;
  /** The message exactly as it arrived, CRLF line ends and all. */
  readonly raw: string;
}

/** Which message `waitForMessage` waits for; every field given must match. */
export interface MailMatch {
  /** A recipient address (any case). */
  readonly to?: string;
  /** The whole subject, or a pattern it matches. */
  readonly subject?: string | RegExp;
  /** How long to wait before failing with a list of what did arrive (default 10 s). */
  readonly timeoutMs?: number;
}

interface Waiter {
  readonly match: MailMatch;
  readonly resolve: (mail: ReceivedMail) => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it accepts, for tests that send mail the way
 * production does (nodemailer over SMTP) instead of reading the outbox table. No TLS, no authentication.
 *
 * ### Examples
 * const smtp = await startSmtpSink(t); // stopped when the test ends
 * const app = await build(t, { config: { smtpUrl: smtp.url } });
 * …
 * const mail = await smtp.waitForMessage({ to: 'grace@example.nhs.uk', subject: 'Confirm your email address for khub' });
 */
export class SmtpSink {
  /** Every message accepted so far, oldest first. */
  readonly messages: ReceivedMail[] = [];
  readonly #claimed = new Set<ReceivedMail>();
  readonly #waiters = new Set<Waiter>();

  readonly #server: SMTPServer;
  #port = 0;

  /** A sink that is not listening yet: `start()` it, for example in a browser suite's `beforeStart`. */
  constructor() {
    this.#server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          this.accept(from, session.envelope.rcptTo.map((r) => r.address), Buffer.concat(chunks).toString('utf8'));
          callback();
        });
      },
    });
  }

  /** Listens on `port`, or on a free port the system chooses, and resolves with the sink's `url`. */
  async start(port = 0): Promise<string> {
    this.#server.listen(port, '127.0.0.1');
    await once(this.#server.server, 'listening');
    // Listening on a TCP port, so the address is an AddressInfo, never a pipe name.
    this.#port = (this.#server.server.address() as AddressInfo).port;
    return this.url;
  }

  /** The port it listens on. */
  get port(): number {
    if (this.#port === 0) throw new Error('the SMTP sink has not started');
    return this.#port;
  }

  /** The address to give khub as `smtpUrl`. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /**
   * The next message matching `match` that no earlier call has returned: one that has arrived already,
   * or the first to arrive within the timeout. Each call takes a different message, so a journey that
   * expects two emails with the same subject waits twice.
   */
  waitForMessage(match: MailMatch = {}): Promise<ReceivedMail> {
    const waiting = this.messages.find((mail) => !this.#claimed.has(mail) && matches(mail, match));
    if (waiting) {
      this.#claimed.add(waiting);
      return Promise.resolve(waiting);
    }
    const timeoutMs = match.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new Error(`no email ${describe(match)} arrived within ${timeoutMs} ms; the SMTP sink received: ${this.summary()}`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (mail) => {
          clearTimeout(timer);
          resolve(mail);
        },
      };
      this.#waiters.add(waiter);
    });
  }

  /** Stops listening and closes open connections; does nothing when it never started. */
  async stop(): Promise<void> {
    if (this.#port === 0) return;
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  private accept(from: string, to: string[], raw: string): void {
    // The line end before SMTP's closing "." ends the message's last line; it is not part of the text.
    const { headers, body } = splitMessage(raw.replace(/\r\n$/, ''));
    const mail: ReceivedMail = { from, to, subject: decodeWords(header(headers, 'subject') ?? ''), text: plainText(headers, body), raw };
    this.messages.push(mail);
    for (const waiter of this.#waiters) {
      if (!matches(mail, waiter.match)) continue;
      this.#waiters.delete(waiter);
      this.#claimed.add(mail);
      waiter.resolve(mail);
      return;
    }
  }

  private summary(): string {
    if (this.messages.length === 0) return 'nothing';
    return this.messages.map((m) => `\n  - to ${m.to.join(', ')}: "${m.subject}"${this.#claimed.has(m) ? ' (already taken)' : ''}`).join('');
  }
}

/** Starts a sink (on `port`, or a free one) that stops when the test ends. */
export async function startSmtpSink(t: TestContext, options: { port?: number } = {}): Promise<SmtpSink> {
  const sink = new SmtpSink();
  await sink.start(options.port);
  t.after(() => sink.stop());
  return sink;
}

/**
 * The link in a message whose path is `path` (for example `/verify-email`), or matches it (for example
 * `/^\/admin\/join-requests\/\d+$/`): emails put each link on a line of its own. Fails, quoting the text, when there is none.
 */
export function linkIn(mail: ReceivedMail, path: string | RegExp): URL {
  for (const line of mail.text.split('\n')) {
    if (!/^https?:\/\/\S+$/.test(line.trim())) continue;
    const url = new URL(line.trim());
    if (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)) return url;
  }
  throw new Error(`no link to ${String(path)} on a line of its own in the email "${mail.subject}":\n${mail.text}`);
}

function matches(mail: ReceivedMail, match: MailMatch): boolean {
  const to = match.to?.toLowerCase();
  if (to !== undefined && !mail.to.some((address) => address.toLowerCase() === to)) return false;
  if (typeof match.subject === 'string') return mail.subject === match.subject;
  return match.subject === undefined || match.subject.test(mail.subject);
}

function describe(match: MailMatch): string {
  const parts = [match.to ? `to ${match.to}` : '', match.subject ? `with subject ${String(match.subject)}` : ''];
  return parts.filter(Boolean).join(' ') || '(any)';
}

/** Header block (unfolded, one `name: value` per line) and body of an RFC 5322 message or MIME part. */
function splitMessage(raw: string): { headers: string[]; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  return { headers: head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/), body };
}

function header(headers: readonly string[], name: string): string | undefined {
  const prefix = `${name.toLowerCase()}:`;
  return headers.find((line) => line.toLowerCase().startsWith(prefix))?.slice(prefix.length).trim();
}

/** The text/plain content of a message: itself when single-part, else its first text/plain part. */
function plainText(headers: readonly string[], body: string): string {
  const type = header(headers, 'content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!type.toLowerCase().startsWith('multipart/') || !boundary) return decodeBody(body, header(headers, 'content-transfer-encoding'));
  for (const part of body.split(`--${boundary}`).slice(1)) {
    if (part.startsWith('--')) break; // the closing delimiter
    const inner = splitMessage(part.replace(/^\r?\n/, ''));
    const innerType = (header(inner.headers, 'content-type') ?? 'text/plain').toLowerCase();
    if (!innerType.startsWith('text/plain') && !innerType.startsWith('multipart/')) continue;
    const text = plainText(inner.headers, inner.body.replace(/\r?\n$/, ''));
    if (text) return text;
  }
  return '';
}

/** Undoes base64 or quoted-printable (assuming UTF-8, which nodemailer always uses) and ends lines in `\n`. */
function decodeBody(body: string, encoding = '7bit'): string {
  const kind = encoding.toLowerCase();
  let text = body;
  if (kind === 'base64') text = Buffer.from(body, 'base64').toString('utf8');
  if (kind === 'quoted-printable') text = decodeQuotedPrintable(body.replace(/=\r?\n/g, ''));
  return text.replace(/\r\n/g, '\n');
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); the space between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?[^?]+\?([BQbq])\?([^?]*)\?=/g, (_match, kind: string, text: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}
