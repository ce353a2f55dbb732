import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import nunjucks from 'nunjucks';
import { loadConfig } from '../../config.js';
import { configureEnvironment, signInHref } from './nunjucks.js';

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

describe('the trim filter', () => {
  const env = new nunjucks.Environment(null, { autoescape: true });
  configureEnvironment(env, loadConfig({ KHUB_ENV: 'test' }));
  const original = new nunjucks.Environment(null, { autoescape: true });

  it('trims as nunjucks does, keeping marked-safe HTML safe and escaping the rest', () => {
    const cases = ['  <b>bold</b>\n  ', '\t\n', '', 'a  b', `${' \n'.repeat(50)}x${' y \n'.repeat(50)}`];
    for (const text of cases) {
      for (const template of ['{{ text | trim }}', '{{ text | safe | trim }}']) assert.equal(env.renderString(template, { text }), original.renderString(template, { text }), JSON.stringify({ template, text }));
    }
    assert.equal(env.renderString('{{ text | safe | trim }}', { text: ' <b>x</b> ' }), '<b>x</b>');
    assert.equal(env.renderString('{{ text | trim }}', { text: ' <b>x</b> ' }), '&lt;b&gt;x&lt;/b&gt;');
  });
});
