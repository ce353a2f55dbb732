import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { linkIn, startSmtpSink } from './smtp.js';

const LONG_LINK = `https://khub.example.nhs.uk/verify-email?token=${'a1B2_c3D4-'.repeat(8)}`;

describe('the SMTP sink for tests', () => {
  it('decodes what nodemailer sends: a folded UTF-8 subject, quoted-printable text and a multipart message', async (t) => {
    const smtp = await startSmtpSink(t);
    const mailer = nodemailer.createTransport({ url: smtp.url });
    t.after(() => mailer.close());
    const subject = `A request to join St Mary’s Hospital ${'and community services '.repeat(3)}is waiting – café`;
    await mailer.sendMail({ from: 'khub <no-reply@khub.example>', to: 'Admin@Example.nhs.uk', subject, text: `Hello Zoë,\n\nOpen:\n${LONG_LINK}\n\nkhub\n` });
    await mailer.sendMail({ from: 'no-reply@khub.example', to: 'b@example.nhs.uk', subject: 'Both', text: 'Plain words', html: '<p>HTML words</p>' });

    const first = await smtp.waitForMessage({ to: 'admin@example.nhs.uk', subject });
    assert.equal(first.from, 'no-reply@khub.example');
    assert.deepEqual(first.to, ['Admin@example.nhs.uk'], 'the envelope address (nodemailer lower-cases the domain)');
    assert.match(first.raw, /^Subject: =\?UTF-8\?/m, 'the subject really was encoded on the wire');
    assert.match(first.raw, /^Content-Transfer-Encoding: quoted-printable\r$/m, 'and the text too');
    assert.equal(first.text, `Hello Zoë,\n\nOpen:\n${LONG_LINK}\n\nkhub`);
    assert.equal(linkIn(first, '/verify-email').href, LONG_LINK);
    assert.throws(() => linkIn(first, '/reset-password'), /no link to \/reset-password on a line of its own/);

    const second = await smtp.waitForMessage({ subject: /^Bo/ });
    assert.equal(second.text, 'Plain words');
  });

  it('gives each message to one wait only, waits for one still to come, and says what arrived when none matches', async (t) => {
    const smtp = await startSmtpSink(t);
    const mailer = nodemailer.createTransport({ url: smtp.url });
    t.after(() => mailer.close());
    const send = (to: string, subject: string) => mailer.sendMail({ from: 'k@khub.example', to, subject, text: subject });

    await send('a@example.nhs.uk', 'Same subject');
    const later = smtp.waitForMessage({ to: 'a@example.nhs.uk', subject: 'Same subject', timeoutMs: 5_000 });
    assert.equal((await later).text, 'Same subject', 'the one that had arrived');
    const next = smtp.waitForMessage({ to: 'a@example.nhs.uk', subject: 'Same subject', timeoutMs: 5_000 });
    await send('a@example.nhs.uk', 'Same subject');
    assert.notEqual(await next, await later, 'a second wait gets the second message');

    await assert.rejects(
      smtp.waitForMessage({ to: 'nobody@example.nhs.uk', timeoutMs: 50 }),
      /no email to nobody@example\.nhs\.uk arrived within 50 ms; the SMTP sink received: \n {2}- to a@example\.nhs\.uk: "Same subject" \(already taken\)/,
    );
  });
});
