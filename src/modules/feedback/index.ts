import type { FastifyInstance } from 'fastify';
import { feedbackRoutes } from './feedback.routes.js';

export { listFeedback, submitFeedback, type Feedback } from './feedback.service.js';

/** Feedback about khub itself: the form linked from every page's banner, and the API. */
export default async function feedbackModule(app: FastifyInstance): Promise<void> {
  await app.register(feedbackRoutes);
  app.addStartPoint({ href: '/feedback', title: 'Give feedback about khub', description: 'Tell us what works and what does not. It helps us improve the service.' });
}
