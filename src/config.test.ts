import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from './config.js';

const productionEnv = {
  KHUB_ENV: 'production',
  KHUB_SESSION_SECRET: 'x'.repeat(40),
  KHUB_BASE_URL: 'https://khub.example.nhs.uk/',
};

describe('loadConfig', () => {
  it('runs development on safe defaults with no variables set', () => {
    const config = loadConfig({});
    assert.equal(config.env, 'development');
    assert.equal(config.databaseUrl, './data/khub.sqlite');
    assert.equal(config.port, 3000);
    assert.equal(config.baseUrl, 'http://localhost:3000');
    assert.ok(config.sessionSecret.length >= 32);
    assert.equal(config.smtpUrl, '');
    assert.ok(Object.isFrozen(config));
  });

  it('accepts a complete production configuration and trims the base URL', () => {
    const config = loadConfig(productionEnv);
    assert.equal(config.env, 'production');
    assert.equal(config.baseUrl, 'https://khub.example.nhs.uk');
  });

  for (const variable of ['KHUB_SESSION_SECRET', 'KHUB_BASE_URL']) {
    it(`refuses to start in production without ${variable}, naming it`, () => {
      const env: Record<string, string> = { ...productionEnv };
      delete env[variable];
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.variable === variable && error.message.includes(variable));
    });
  }

  const invalid: [string, Record<string, string>, RegExp][] = [
    ['KHUB_PORT', { KHUB_PORT: 'eighty' }, /whole number/],
    ['KHUB_PORT', { KHUB_PORT: '70000' }, /between 0 and 65535/],
    ['KHUB_ENV', { KHUB_ENV: 'staging' }, /one of development, test, production/],
    ['KHUB_SESSION_SECRET', { KHUB_SESSION_SECRET: 'short' }, /at least 32/],
    ['KHUB_DATABASE_URL', { KHUB_DATABASE_URL: 'mysql://localhost/khub' }, /postgres/],
    ['KHUB_SMTP_URL', { KHUB_SMTP_URL: 'http://mail' }, /smtp/],
    ['KHUB_BASE_URL', { KHUB_BASE_URL: 'not a url' }, /not a valid URL/],
    ['KHUB_TRUST_PROXY', { KHUB_TRUST_PROXY: 'maybe' }, /true or false/],
    ['KHUB_LOG_LEVEL', { KHUB_LOG_LEVEL: 'loud' }, /one of/],
  ];
  for (const [variable, env, pattern] of invalid) {
    it(`rejects ${JSON.stringify(env)} with an error naming ${variable}`, () => {
      assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && error.variable === variable && pattern.test(error.message));
    });
  }

  it('accepts a PostgreSQL URL', () => {
    assert.equal(loadConfig({ KHUB_DATABASE_URL: 'postgres://khub@db/khub' }).databaseUrl, 'postgres://khub@db/khub');
  });
});
