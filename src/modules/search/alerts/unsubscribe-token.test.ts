import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dueCutoffs } from './alerts.jobs.js';
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe-token.js';

const SECRET = 'a'.repeat(64);

describe('unsubscribe tokens', () => {
  it('carry the alert id and nonce, and only under the secret that signed them', () => {
    const token = unsubscribeToken(SECRET, 42, 'nonce_1-x');
    assert.deepEqual(readUnsubscribeToken(SECRET, token), { id: 42, nonce: 'nonce_1-x' });
    assert.equal(readUnsubscribeToken('b'.repeat(64), token), undefined);
  });

  it('refuse any change to the id, nonce or signature, and junk', () => {
    const token = unsubscribeToken(SECRET, 42, 'nonce');
    const [id, nonce, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    for (const bad of [`43.${nonce}.${signature}`, `${id}.nonce2.${signature}`, `${id}.${nonce}.${flipped}`, `${id}.${nonce}`, '', 'x.y.z', `${token}.`]) {
      assert.equal(readUnsubscribeToken(SECRET, bad), undefined, bad);
    }
  });
});

describe('when alerts are due', () => {
  it('is a day, a week or a calendar month after the last run, less half an hour of slack', () => {
    assert.deepEqual(dueCutoffs(new Date('2026-03-31T07:00:00Z')), {
      daily: '2026-03-30T07:30:00.000Z',
      weekly: '2026-03-24T07:30:00.000Z',
      monthly: '2026-02-28T07:30:00.000Z',
    });
    assert.equal(dueCutoffs(new Date('2026-07-15T10:00:00Z')).monthly, '2026-06-15T10:30:00.000Z');
  });
});
