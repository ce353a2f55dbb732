/**
 * One-click unsubscribe links that work without signing in: `<alert id>.<nonce>.<signature>`, where the
 * signature is an HMAC-SHA256 of the id and nonce under a key derived from `KHUB_SESSION_SECRET`. The
 * signature makes links unforgeable; the nonce, kept on the alert, lets khub retire old links.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

// A key of its own, so a signature made here can never be replayed where the session secret signs anything else.
const keyFor = (secret: string) => createHmac('sha256', secret).update('khub saved-search unsubscribe v1').digest();

const signature = (secret: string, id: number, nonce: string) => createHmac('sha256', keyFor(secret)).update(`${id}.${nonce}`).digest();

/** The token for an alert's unsubscribe link. */
export function unsubscribeToken(secret: string, id: number, nonce: string): string {
  return `${id}.${nonce}.${signature(secret, id, nonce).toString('base64url')}`;
}

/** The alert id and nonce a token carries, or undefined when it is malformed or its signature is wrong. */
export function readUnsubscribeToken(secret: string, token: string): { id: number; nonce: string } | undefined {
  const parts = /^(\d{1,15})\.([\w-]{1,64})\.([\w-]{43})$/.exec(token);
  if (!parts) return undefined;
  const id = Number(parts[1]);
  const nonce = parts[2] as string;
  const given = Buffer.from(parts[3] as string, 'base64url');
  const expected = signature(secret, id, nonce);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { id, nonce } : undefined;
}
