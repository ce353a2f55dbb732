import assert from 'node:assert/strict';
import { once } from 'node:events';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, beforeEach, describe } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { type Config, loadTestEnvironment, testConfig } from '../../src/config.js';
import { CSP_REPORTER_BINDING, CSP_REPORTER_SCRIPT, type CspViolation, PageWatch } from '../e2e/support/page-watch.js';

const testEnv = loadTestEnvironment();

// The flags the machines were measured with: no sandbox because CI runs as root, and no
// background traffic (updates, sync, QUIC probes) so the only requests are the ones our pages make.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** WCAG 2.2 level AA as axe tags it: every A and AA rule from 2.0, 2.1 and 2.2. */
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A short ceiling on every Playwright wait, so a missing element fails in seconds with its selector named. */
const ACTION_TIMEOUT_MS = 10_000;

/** What a browser journey gets: a fresh page per test, already pointed at the app under test. */
export interface BrowserSession {
  /** A new page in its own browser context, so no cookies or storage leak between tests. */
  readonly page: Page;
  /** The app's origin, for example `http://127.0.0.1:41985`; `page.goto('/feedback')` also works. */
  readonly baseUrl: string;
  /** The app under test, for seeding data with the factories (`session.app.db`) or running jobs. */
  readonly app: FastifyInstance;
}

/** How a suite's app is set up, beyond the defaults (a temporary SQLite file, no job worker, mail to files). */
export interface BrowserSuiteOptions {
  /** Settings for the app under test, for example `{ runJobs: true }` to deliver mail as production does. */
  readonly config?: Partial<Config>;
  /** Runs before the app is built; what it returns is added to `config` (for example an SMTP sink's `smtpUrl`). */
  readonly beforeStart?: () => Promise<Partial<Config> | void>;
  /** Runs once the browser and the app have closed, to stop whatever `beforeStart` started. */
  readonly afterStop?: () => Promise<void>;
}

/** Why browser journeys cannot run on this machine, or undefined when Chromium is there. */
export function missingBrowserReason(path: string = testEnv.chromiumPath): string | undefined {
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return (
      `Chromium not found at ${path}. Install it with "apt-get install -y chromium" (Debian) ` +
      'or point KHUB_CHROMIUM_PATH at a Chromium binary. Never "npx playwright install".'
    );
  }
}

/**
 * Runs a suite of browser journeys against the real app on a random port, with a temporary SQLite
 * file; `config.baseUrl` is that port's address, so links in the app's emails open the app under test.
 * Without Chromium the suite is skipped, or fails when KHUB_REQUIRE_BROWSER=1 (as in CI).
 * After each test it fails on any broken request to our origin, JavaScript error, unexpected CSP
 * violation, or page visited without an accessibility check.
 *
 * ### Examples
 * describeInBrowser('giving feedback', (session) => {
 *   it('thanks the person', async () => { await session.page.goto('/feedback'); … });
 * });
 *
 * const smtp = new SmtpSink(); // a suite whose app sends real mail, with the job worker running
 * describeInBrowser('registering', (session) => { … }, {
 *   config: { runJobs: true },
 *   beforeStart: async () => ({ smtpUrl: await smtp.start() }),
 *   afterStop: () => smtp.stop(),
 * });
 */
export function describeInBrowser(title: string, suite: (session: BrowserSession) => void, options: BrowserSuiteOptions = {}): void {
  const missing = missingBrowserReason();
  if (missing && !testEnv.requireBrowser) {
    describe(title, { skip: `browser journeys skipped: ${missing}` }, () => {});
    return;
  }

  let dataDir: string | undefined;
  let app: FastifyInstance | undefined;
  let browser: Browser | undefined;
  let baseUrl: string | undefined;
  let context: BrowserContext | undefined;
  let current: { page: Page; watch: PageWatch } | undefined;

  const session: BrowserSession = {
    get page() {
      if (!current) throw new Error('no page yet: use session.page inside a test');
      return current.page;
    },
    get baseUrl() {
      if (!baseUrl) throw new Error('the app has not started yet');
      return baseUrl;
    },
    get app() {
      if (!app) throw new Error('the app has not started yet');
      return app;
    },
  };

  describe(title, () => {
    before(async () => {
      if (missing) throw new Error(`KHUB_REQUIRE_BROWSER=1 but ${missing}`);
      dataDir = await mkdtemp(join(tmpdir(), 'khub-e2e-'));
      const extra = (await options.beforeStart?.()) ?? {};
      ({ app, baseUrl } = await startApp(dataDir, { ...options.config, ...extra }));
      browser = await chromium.launch({ executablePath: testEnv.chromiumPath, args: CHROMIUM_ARGS, timeout: 30_000 });
    });

    after(async () => {
      try {
        await browser?.close();
        await app?.close();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
      } finally {
        await options.afterStop?.();
      }
    });

    beforeEach(async () => {
      if (!browser || !baseUrl) throw new Error('the browser suite did not start');
      context = await browser.newContext({ baseURL: baseUrl });
      context.setDefaultTimeout(ACTION_TIMEOUT_MS);
      await context.exposeBinding(CSP_REPORTER_BINDING, ({ page }, violation: CspViolation) => {
        PageWatch.of(page)?.cspViolation(violation);
      });
      await context.addInitScript(CSP_REPORTER_SCRIPT);
      const page = await context.newPage();
      current = { page, watch: new PageWatch(page, baseUrl) };
    });

    afterEach(async () => {
      try {
        if (current) await current.watch.assertClean();
      } finally {
        current = undefined;
        await context?.close();
        context = undefined;
      }
    });

    suite(session);
  });
}

/**
 * Serves the real app, migrated, on a free port of the loopback interface. The port is chosen first, so the
 * app's `baseUrl` (which emailed links start with) can be its real address.
 */
async function startApp(dataDir: string, overrides: Partial<Config>): Promise<{ app: FastifyInstance; baseUrl: string }> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({ databaseUrl: join(dataDir, 'khub.sqlite'), outboxDir: join(dataDir, 'outbox'), baseUrl, ...overrides });
  const app = await buildApp(config);
  await app.listen({ port, host: '127.0.0.1' });
  return { app, baseUrl };
}

/** A port of 127.0.0.1 that nothing listens on (the system's choice, released at once for the app to take). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  // Listening on a TCP port, so the address is an AddressInfo, never a pipe name.
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

/** One readable block per violation: rule, impact, what it asks for, and every element it found. */
export function formatViolations(violations: AxeResults['violations']): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.map(String).join(' >>> ')}\n      ${n.html.slice(0, 200)}`);
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/**
 * Runs axe-core on the page as it is now against WCAG 2.2 AA and fails with a readable list of
 * violations. Page objects call it in `verifyOnPage`, and again after any change of state worth checking.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  PageWatch.markChecked(page);
  if (results.violations.length === 0) return;
  assert.fail(`${page.url()} has ${results.violations.length} accessibility violation(s):\n${formatViolations(results.violations)}`);
}
