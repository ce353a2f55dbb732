import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { nhsukFrontendDir, srcDir } from '../paths.js';

/** Our own scripts and styles, then nhsuk-frontend's, all from our origin under /assets (the CSP allows nothing else). */
async function staticAssets(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: [join(srcDir, 'platform', 'assets'), join(nhsukFrontendDir, 'nhsuk', 'assets'), join(nhsukFrontendDir, 'nhsuk')],
    prefix: '/assets/',
    index: false,
    list: false,
    maxAge: app.config.env === 'production' ? '1d' : 0,
  });
  // Browsers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', { logLevel: 'warn' }, (_request, reply) => reply.sendFile('images/favicon.ico', join(nhsukFrontendDir, 'nhsuk', 'assets')));
}

export default fp(staticAssets, { name: 'khub-static-assets' });
