import { join } from 'node:path';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import nunjucks from 'nunjucks';
import type { Config } from '../../config.js';
import { type Role, hasRole } from '../auth/roles.js';
import { nhsukFrontendDir, srcDir } from '../paths.js';

/** Roles whose holders have an admin area; librarians and service managers work elsewhere. */
const ADMIN_ROLES: readonly Role[] = ['org_admin', 'regional_lead', 'platform_admin'];

/** A link in the header's navigation; `match` marks it active for paths under it. */
export interface NavigationItem {
  readonly href: string;
  readonly text: string;
}

/** A card on the home page that starts people on their way to a module's pages. */
export interface StartPoint {
  readonly href: string;
  readonly title: string;
  readonly description: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Adds a link to the header navigation; modules call this when they register pages. */
    addNavigation(item: NavigationItem): void;
    /** Adds a card to the home page, so it links only to pages that exist. */
    addStartPoint(item: StartPoint): void;
    /** The home page's cards, in the order modules added them. */
    startPoints(): readonly StartPoint[];
  }
  interface FastifyReply {
    /** Values every template sees (@fastify/view merges them into each render). */
    locals: Record<string, unknown>;
  }
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZone: 'Europe/London',
});
const numberFormat = new Intl.NumberFormat('en-GB');

/** khub's globals and filters, on the environment @fastify/view creates. */
export function configureEnvironment(env: nunjucks.Environment, config: Config): void {
  env.addGlobal('serviceName', 'khub');
  env.addGlobal('isDevelopment', config.env === 'development');
  env.addFilter('date', (iso: string | undefined) => (iso ? dateFormat.format(new Date(iso)) : ''));
  env.addFilter('dateTime', (iso: string | undefined) => (iso ? dateTimeFormat.format(new Date(iso)) : ''));
  env.addFilter('setAttribute', (object: Record<string, unknown>, key: string, value: unknown) => ({ ...object, [key]: value }));
  env.addFilter('number', (n: number | undefined) => (typeof n === 'number' ? numberFormat.format(n) : ''));
  // nunjucks' own trim (`/^\s*|\s*$/g`) takes time quadratic in the whitespace runs of a long string, and
  // the nhsuk-frontend macros trim every block they wrap: 1.7 ms of a results page. Same result, linear.
  env.addFilter('trim', (value: unknown) => {
    const text = String(value ?? '').trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(text) : text;
  });
}

// Pages about getting into an account: signing in from one of these should not lead back to it.
const ACCOUNT_ENTRY_PATHS = /^\/(sign-in|signed-out|register|forgot-password|reset-password|verify-email|setup|account\/(activate|renew|confirm-email|deleted|signed-out-everywhere))(\/|$)/;

/** The header's sign-in link: back to this page afterwards, unless this page is itself part of getting in. */
export function signInHref(currentPath: string): string {
  if (currentPath === '/' || ACCOUNT_ENTRY_PATHS.test(currentPath)) return '/sign-in';
  return `/sign-in?returnTo=${encodeURIComponent(currentPath)}`;
}

function isActive(currentPath: string, href: string): boolean {
  return href === '/' ? currentPath === '/' : currentPath === href || currentPath.startsWith(`${href}/`);
}

async function viewsPlugin(app: FastifyInstance, options: { config: Config }): Promise<void> {
  const navigation: NavigationItem[] = [];
  const startPoints: StartPoint[] = [];
  app.decorate('addNavigation', (item: NavigationItem) => {
    navigation.push(item);
  });
  app.decorate('addStartPoint', (item: StartPoint) => {
    startPoints.push(item);
  });
  app.decorate('startPoints', () => [...startPoints]);

  await app.register(fastifyView, {
    engine: { nunjucks },
    // Module templates are addressed by module-qualified paths (`feedback/views/feedback.njk`) so names never collide.
    templates: [join(srcDir, 'platform', 'views'), join(srcDir, 'modules'), nhsukFrontendDir],
    production: options.config.env === 'production',
    options: {
      autoescape: true,
      noCache: options.config.env === 'development',
      onConfigure: (env: nunjucks.Environment) => configureEnvironment(env, options.config),
    },
  });

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0] ?? '/';
    reply.locals = {
      ...reply.locals,
      currentPath: path,
      navigation: navigation.map((item) => ({ ...item, active: isActive(path, item.href) })),
      // Called only by templates that have a form, so pages without forms create no session.
      csrfToken: () => reply.generateCsrf(),
      // One-time messages from the previous request (PRG), shown in a success banner by the layout.
      flashSuccess: request.session ? request.session.takeFlash('success') : [],
      requestId: request.id,
      currentUser: request.user ?? null,
      signInHref: signInHref(path),
      showAdminLink: ADMIN_ROLES.some((role) => hasRole(request.user, role)),
    };
  });
}

export default fp(viewsPlugin, { name: 'khub-views' });
