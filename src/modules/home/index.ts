import type { FastifyInstance } from 'fastify';

/** The home page, which starts people on their way, and the accessibility statement. */
export default async function homeModule(app: FastifyInstance): Promise<void> {
  app.get('/', async (_request, reply) =>
    reply.view('home/views/home.njk', { pageTitle: 'Home', startPoints: app.startPoints() }),
  );
  app.get('/accessibility', async (_request, reply) =>
    reply.view('home/views/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  );
}
