import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { signInHref } from './nunjucks.js';

describe('the header sign-in link', () => {
  const cases: [string, string][] = [
    ['/', '/sign-in'],
    ['/feedback', '/sign-in?returnTo=%2Ffeedback'],
    ['/admin/accounts', '/sign-in?returnTo=%2Fadmin%2Faccounts'],
    ['/signed-out', '/sign-in'],
    ['/register/check-email', '/sign-in'],
    ['/reset-password', '/sign-in'],
    ['/verify-email/resend', '/sign-in'],
    ['/account/renew', '/sign-in'],
    ['/account', '/sign-in?returnTo=%2Faccount'],
  ];
  for (const [path, href] of cases) it(`links from ${path} to ${href}`, () => assert.equal(signInHref(path), href));
});
