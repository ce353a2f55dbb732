import assert from 'node:assert/strict';
import type { ConsoleMessage, Page, Request, Response } from 'playwright-core';

/** The fields of a `securitypolicyviolation` event that say what was blocked and by which rule. */
export interface CspViolation {
  /** The blocked URL, or `inline`, `eval`, `data`… for things that are not a request. */
  readonly blockedURI: string;
  /** The directive that blocked it, for example `font-src` or `script-src-elem`. */
  readonly directive: string;
  /** The document or script that tried. */
  readonly sourceFile: string;
  /** The line in `sourceFile`, or 0 when the browser does not know. */
  readonly line: number;
}

/** Name of the function the page calls to hand a CSP violation to the test. */
export const CSP_REPORTER_BINDING = 'khubReportCspViolation';

/**
 * Runs in every document before the page's own scripts. Playwright injects it over the DevTools
 * protocol, so our CSP (which forbids inline script) does not stop it.
 */
export const CSP_REPORTER_SCRIPT = `document.addEventListener('securitypolicyviolation', (event) => {
  globalThis.${CSP_REPORTER_BINDING}({ blockedURI: event.blockedURI, directive: event.effectiveDirective,
    sourceFile: event.sourceFile, line: event.lineNumber });
});`;

/**
 * Third-party loads that our CSP blocks on purpose. Everything else the CSP blocks fails the test:
 * a blocked script, stylesheet or image from another host means a template depends on something
 * that will never load for real users. Add an entry only with the reason beside it.
 */
const EXPECTED_BLOCKS: readonly { directive: string; resourceType: string; host: string }[] = [
  // nhsuk-frontend's stylesheet asks for Frutiger from assets.nhs.uk. khub makes no third-party calls
  // from clinical PCs, so the CSP blocks it and the text falls back to Arial, the NHS fallback font.
  { directive: 'font-src', resourceType: 'font', host: 'assets.nhs.uk' },
];

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

const watches = new WeakMap<Page, PageWatch>();

/**
 * Listens to one page for the whole test and collects what should never happen on our pages:
 * failed requests to our own origin, JavaScript errors, console errors, unexpected CSP violations,
 * and documents the test loaded but never ran axe on.
 */
export class PageWatch {
  /** Blocked third-party loads that were on the expected list, for tests of the watch itself. */
  readonly expectedBlocks: string[] = [];
  private readonly problems = new Set<string>();
  private readonly documents: { url: string; checked: boolean }[] = [];
  private readonly origin: string;

  constructor(
    private readonly page: Page,
    baseUrl: string,
  ) {
    this.origin = new URL(baseUrl).origin;
    watches.set(page, this);
    page.on('domcontentloaded', () => {
      if (this.isOurs(page.url())) this.documents.push({ url: page.url(), checked: false });
    });
    page.on('response', (response) => this.onResponse(response));
    page.on('requestfailed', (request) => this.onRequestFailed(request));
    page.on('console', (message) => this.onConsole(message));
    page.on('pageerror', (error) => this.problems.add(`JavaScript error: ${error.message}`));
  }

  /** The watch on this page, if it has one. */
  static of(page: Page): PageWatch | undefined {
    return watches.get(page);
  }

  /** Records that axe has run on the page's current document. */
  static markChecked(page: Page): void {
    const latest = watches.get(page)?.documents.at(-1);
    if (latest) latest.checked = true;
  }

  /** Judges a violation the page reported; blocked third-party loads on the expected list pass. */
  cspViolation(violation: CspViolation): void {
    const host = hostOf(violation.blockedURI);
    if (EXPECTED_BLOCKS.some((b) => b.directive === violation.directive && b.host === host)) {
      this.expectedBlocks.push(violation.blockedURI);
      return;
    }
    const where = violation.sourceFile ? ` in ${this.pathOf(violation.sourceFile)} line ${violation.line}` : '';
    this.problems.add(`CSP blocked ${violation.blockedURI} (${violation.directive})${where}`);
  }

  /** Fails the test with every problem seen on any page it visited. */
  async assertClean(): Promise<void> {
    // One round trip to the page, so CSP reports it has already queued arrive before we judge.
    if (!this.page.isClosed()) await this.page.evaluate('0');
    const problems = [...this.problems];
    for (const doc of this.documents) {
      if (!doc.checked) problems.push(`${this.pathOf(doc.url)} was visited without an accessibility check (expectAccessible)`);
    }
    if (problems.length > 0) assert.fail(`problems on the pages this test visited:\n  - ${problems.join('\n  - ')}`);
  }

  private onResponse(response: Response): void {
    const request = response.request();
    if (!this.isOurs(response.url()) || response.status() < 400) return;
    // A page's own status is the test's to assert (the 404 page, a form re-shown with 400);
    // but a server error is never what a journey means to reach.
    const isPage = request.isNavigationRequest() && request.frame() === this.page.mainFrame();
    if (isPage && response.status() < 500) return;
    this.problems.add(`${response.status()} for ${request.method()} ${this.pathOf(response.url())}`);
  }

  private onRequestFailed(request: Request): void {
    const error = request.failure()?.errorText ?? 'unknown error';
    if (this.isOurs(request.url())) {
      // Chromium also aborts a subresource that answered 4xx/5xx, or one still loading when the
      // page navigates away; the response listener has already judged the first case.
      if (error !== 'net::ERR_ABORTED') this.problems.add(`${request.method()} ${this.pathOf(request.url())} failed: ${error}`);
      return;
    }
    // Another host: our CSP allows no third-party loads, so these are blocked before they leave the
    // machine ("csp"). Judge them by the same list as CSP reports, which can arrive too late to see.
    const host = hostOf(request.url());
    if (EXPECTED_BLOCKS.some((b) => b.resourceType === request.resourceType() && b.host === host)) {
      this.expectedBlocks.push(request.url());
      return;
    }
    this.problems.add(`${request.resourceType()} from another host failed (${error}): ${request.url()}`);
  }

  private onConsole(message: ConsoleMessage): void {
    if (message.type() !== 'error') return;
    const text = message.text();
    // Chromium also logs every failed load and every CSP refusal; the listeners above judge those
    // knowing the URL, the resource type and whether it was the page itself.
    if (text.startsWith('Failed to load resource') || text.includes('Content Security Policy')) return;
    this.problems.add(`console error on ${this.pathOf(this.page.url())}: ${text}`);
  }

  private isOurs(url: string): boolean {
    return url.startsWith(`${this.origin}/`) || url === this.origin;
  }

  private pathOf(url: string): string {
    return this.isOurs(url) ? url.slice(this.origin.length) : url;
  }
}
