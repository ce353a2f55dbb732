import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

/** Where khub runs: development gets safe defaults, production refuses to start without secrets. */
export type Environment = 'development' | 'test' | 'production';

/** Typed, frozen configuration. `buildApp(config)` takes one, so tests pass their own. */
export interface Config {
  /** development | test | production */
  readonly env: Environment;
  /** A SQLite file path (or `:memory:`) or a `postgres://` URL. */
  readonly databaseUrl: string;
  /** TCP port the web server listens on. */
  readonly port: number;
  /** Interface to bind: 0.0.0.0 to serve other machines, 127.0.0.1 for this one only. */
  readonly host: string;
  /** Public address of this installation, used in emailed links. */
  readonly baseUrl: string;
  /** Signs session cookies; at least 32 characters. */
  readonly sessionSecret: string;
  /** `smtp://user:pass@host:port`; empty means mail is written to `outboxDir` instead. */
  readonly smtpUrl: string;
  /** Sender address on every message khub sends. */
  readonly mailFrom: string;
  /** Folder where mail is written when no SMTP server is configured. */
  readonly outboxDir: string;
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  readonly logLevel: string;
  /** Trust X-Forwarded-* headers from a reverse proxy in front of khub. */
  readonly trustProxy: boolean;
  /** Run the background job worker in this process. */
  readonly runJobs: boolean;
  /** NCBI E-utilities address (tests point it at a local stand-in). */
  readonly ncbiEutilsUrl: string;
  /** NCBI API key: raises PubMed's rate limit from 3 to 10 requests a second. */
  readonly ncbiApiKey: string;
  /** Contact address NCBI asks E-utilities clients to give. */
  readonly ncbiEmail: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const ENVIRONMENTS: readonly Environment[] = ['development', 'test', 'production'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function read(env: Env, name: string, devDefault: string, production: boolean, requiredInProduction = false): string {
  const value = env[name]?.trim();
  if (value) return value;
  if (production && requiredInProduction) {
    throw new ConfigError(name, 'is required when KHUB_ENV=production; see .env.example');
  }
  return devDefault;
}

function readInteger(env: Env, name: string, devDefault: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (!raw) return devDefault;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got ${JSON.stringify(raw)}`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function readBoolean(env: Env, name: string, devDefault: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return devDefault;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got ${JSON.stringify(raw)}`);
}

function readEnvironment(env: Env): Environment {
  const raw = (env.KHUB_ENV ?? env.NODE_ENV ?? 'development').trim();
  if ((ENVIRONMENTS as readonly string[]).includes(raw)) return raw as Environment;
  throw new ConfigError('KHUB_ENV', `must be one of ${ENVIRONMENTS.join(', ')}, got ${JSON.stringify(raw)}`);
}

function checkUrl(name: string, value: string, protocols: string[]): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a valid URL: ${JSON.stringify(value)}`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.join(' or ')}, got ${JSON.stringify(url.protocol)}`);
  }
  return value;
}

/** Loads `./.env` into the environment when present (variables already set win); used by the server and CLI, never by tests. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** Reads configuration from an environment (process.env by default) and fails with the variable's name. */
export function loadConfig(env: Env = process.env): Config {
  const nodeEnv = readEnvironment(env);
  const production = nodeEnv === 'production';
  const port = readInteger(env, 'KHUB_PORT', 3000, 0, 65535);

  const databaseUrl = read(env, 'KHUB_DATABASE_URL', './data/khub.sqlite', production);
  if (/^[a-z]+:\/\//i.test(databaseUrl)) checkUrl('KHUB_DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:']);

  // A random secret per start is safe in development: sessions simply end on restart.
  const sessionSecret = read(env, 'KHUB_SESSION_SECRET', randomBytes(32).toString('hex'), production, true);
  if (sessionSecret.length < 32) throw new ConfigError('KHUB_SESSION_SECRET', 'must be at least 32 characters');

  const baseUrl = checkUrl('KHUB_BASE_URL', read(env, 'KHUB_BASE_URL', `http://localhost:${port}`, production, true), [
    'http:',
    'https:',
  ]).replace(/\/+$/, '');

  const smtpUrl = read(env, 'KHUB_SMTP_URL', '', production);
  if (smtpUrl) checkUrl('KHUB_SMTP_URL', smtpUrl, ['smtp:', 'smtps:']);

  const logLevel = read(env, 'KHUB_LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', production);
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('KHUB_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }

  return Object.freeze({
    env: nodeEnv,
    databaseUrl,
    port,
    host: read(env, 'KHUB_HOST', '0.0.0.0', production),
    baseUrl,
    sessionSecret,
    smtpUrl,
    mailFrom: read(env, 'KHUB_MAIL_FROM', 'khub <no-reply@khub.localhost>', production),
    outboxDir: read(env, 'KHUB_OUTBOX_DIR', './data/outbox', production),
    logLevel,
    trustProxy: readBoolean(env, 'KHUB_TRUST_PROXY', false),
    runJobs: readBoolean(env, 'KHUB_RUN_JOBS', true),
    ncbiEutilsUrl: checkUrl('KHUB_NCBI_EUTILS_URL', read(env, 'KHUB_NCBI_EUTILS_URL', 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils', production), ['http:', 'https:']),
    ncbiApiKey: read(env, 'KHUB_NCBI_API_KEY', '', production),
    ncbiEmail: read(env, 'KHUB_NCBI_EMAIL', '', production),
  });
}

/** Settings the test suite reads: a PostgreSQL URL to repeat storage tests on, and whether a browser is required. */
export interface TestEnvironment {
  readonly postgresUrl: string | undefined;
  readonly requireBrowser: boolean;
  readonly chromiumPath: string;
  /** Names this test run's PostgreSQL schemas (`test_<run>_…`) so the runner can drop them afterwards. */
  readonly runId: string;
}

export function loadTestEnvironment(env: Env = process.env): TestEnvironment {
  return Object.freeze({
    postgresUrl: env.KHUB_TEST_DATABASE_URL?.trim() || undefined,
    requireBrowser: readBoolean(env, 'KHUB_REQUIRE_BROWSER', false),
    chromiumPath: env.KHUB_CHROMIUM_PATH?.trim() || '/usr/bin/chromium',
    runId: /^\d+$/.test(env.KHUB_TEST_RUN_ID ?? '') ? (env.KHUB_TEST_RUN_ID as string) : String(Math.floor(Date.now() / 1000)),
  });
}

/** A configuration for tests: in-memory SQLite, silent logs, no job worker unless asked. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return Object.freeze({
    ...loadConfig({ KHUB_ENV: 'test' }),
    databaseUrl: ':memory:',
    runJobs: false,
    ...overrides,
  });
}
