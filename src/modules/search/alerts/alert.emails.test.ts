import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailMessageSchema } from '../../../platform/mail/mail.schema.js';
import { type StoredRecord, emptyRecord } from '../../records/index.js';
import { NO_FACETS } from '../facets/facet-selection.js';
import { searchAlertEmail } from './alert.emails.js';
import type { SavedSearch } from './saved-search.service.js';

const BASE = 'https://khub.example.nhs.uk';
const UNSUBSCRIBE = `${BASE}/search/alerts/unsubscribe?token=7.nonce.sig`;
const HOSTILE = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';

const search: SavedSearch = {
  id: 7,
  userId: 1,
  name: `Asthma “reviews” ${HOSTILE}`,
  query: 'asthma AND "inhaled steroids"[tiab]',
  filters: { ...NO_FACETS, publicationType: ['review'], language: ['english'] },
  frequency: 'weekly',
  active: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastRunAt: '2026-03-02T08:00:00.000Z',
  lastNewCount: 0,
  lastError: null,
  lastAddedAt: null,
  unsubscribeNonce: 'nonce',
};

const record = (id: number, title: string): StoredRecord => ({
  ...emptyRecord('test', `email-${id}`),
  id,
  title,
  authors: [{ family: 'O’Brien & Sons', given: 'Aoife', initials: 'A', collective: null, affiliations: [] }],
  journal: { title: 'Thorax', isoAbbreviation: 'Thorax', issn: null },
  publicationDate: { year: 2026, month: null, day: null, text: null },
  addedAt: '2026-03-05T08:00:00.000Z',
  updatedAt: '2026-03-05T08:00:00.000Z',
  duplicateGroupId: null,
});

const email = () =>
  searchAlertEmail({
    to: 'ada@test-trust.nhs.uk',
    search,
    filters: [
      { kind: 'publicationType', title: 'Publication type', values: ['Review'] },
      { kind: 'language', title: 'Language', values: ['English', HOSTILE] },
    ],
    total: 3,
    records: [record(41, `Inhalers ${HOSTILE}`), record(42, 'Steroids in asthma')],
    baseUrl: BASE,
    unsubscribeUrl: UNSUBSCRIBE,
    now: new Date('2026-03-09T08:00:00Z'),
  });

describe('the alert email', () => {
  it('is a valid message carrying the one-click unsubscribe headers', () => {
    const message = email();
    assert.ok(mailMessageSchema.safeParse(message).success);
    assert.deepEqual(message.headers, { 'List-Unsubscribe': `<${UNSUBSCRIBE}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'Auto-Submitted': 'auto-generated' });
    assert.match(message.text, /^Filters: Publication type: Review; Language: English or <script>/m, 'plain text is not escaped');
  });

  it('has an HTML part with the same content in headings, lists and links, everything escaped', () => {
    const html = email().html ?? '';
    assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.deepEqual([...html.matchAll(/<h(\d)[^>]*>/g)].map((m) => Number(m[1])), [1, 2, 2, 2], 'one h1, then a h2 per section');
    const items = /<ol>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
    assert.deepEqual([...items.matchAll(/<li[^>]*><a href="([^"]+)">([^<]*)<\/a>/g)].map((m) => [m[1], m[2]]), [
      [`${BASE}/records/41`, 'Inhalers &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;'],
      [`${BASE}/records/42`, 'Steroids in asthma'],
    ]);
    assert.match(items, /<\/a><br>O’Brien &amp; Sons A<br>/, 'authors');
    assert.match(items, /<br>Thorax\. 2026<\/li>/, 'journal and year');
    assert.match(html, /<p>…and 1 more\. <a href="https:\/\/khub\.example\.nhs\.uk\/search\?q=asthma[^"]*&amp;pt=review&amp;la=english">See them all on khub<\/a><\/p>/);
    assert.match(html, /<dd[^>]*><code>asthma AND &quot;inhaled steroids&quot;\[tiab\]<\/code><\/dd>/);
    assert.match(html, /<dt[^>]*>Language<\/dt><dd[^>]*>English or &lt;script&gt;/);
    assert.match(html, new RegExp(`<a href="${UNSUBSCRIBE.replace(/[.?]/g, '\\$&')}">Stop these emails</a> \\(no need to sign in\\)`));

    assert.doesNotMatch(html, /<script|<img|onerror=alert\(1\)>/, 'nothing from a record or a name becomes markup');
    const hosts = new Set([...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => new URL((m[1] ?? '').replaceAll('&amp;', '&')).origin));
    assert.deepEqual([...hosts], [BASE], 'links only to khub: no images, no tracking');
  });
});
