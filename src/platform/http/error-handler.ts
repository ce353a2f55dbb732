import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.js';

/** What every error becomes before it is shown: a status, a stable code and a plain-English message. */
interface Classified {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

// Fastify's and its plugins' own errors, given the stable codes clients see.
const FRAMEWORK_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'payload_too_large', message: 'What you sent is larger than the limit.' },
  FST_REQ_FILE_TOO_LARGE: { code: 'payload_too_large', message: 'The file you sent is larger than the limit.' },
  FST_FILES_LIMIT: { code: 'payload_too_large', message: 'You sent more files than allowed.' },
  FST_PARTS_LIMIT: { code: 'payload_too_large', message: 'The form you sent has too many parts.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'unsupported_media_type', message: 'That content type is not accepted here.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'invalid_json', message: 'The request body is empty but JSON was declared.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The request body is not valid JSON.' },
  FST_CSRF_INVALID_TOKEN: { code: 'csrf_token_invalid', message: 'The form had expired or did not come from khub.' },
  FST_CSRF_MISSING_SECRET: { code: 'csrf_token_invalid', message: 'The form had expired or did not come from khub.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'bad_request', message: 'The upload was not a valid multipart form.' },
};

function validationDetails(error: FastifyError): FieldError[] {
  return (error.validation ?? []).map((v) => ({
    field: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || String(v.params?.missingProperty ?? 'body'),
    message: v.message ?? 'is not valid',
  }));
}

export function classifyError(error: FastifyError | AppError | Error): Classified {
  if (error instanceof AppError) {
    return { statusCode: error.statusCode, code: error.code, message: error.message, details: error.details };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    return { statusCode: 400, code: 'validation_failed', message: 'There is a problem with what was submitted.', details: validationDetails(fastifyError) };
  }
  const known = fastifyError.code ? FRAMEWORK_CODES[fastifyError.code] : undefined;
  const statusCode = fastifyError.statusCode ?? 500;
  if (known) return { statusCode, ...known };
  if (statusCode === 400 && error instanceof SyntaxError) return { statusCode, code: 'invalid_json', message: 'The request body is not valid JSON.' };
  if (statusCode >= 400 && statusCode < 500) return { statusCode, code: 'bad_request', message: error.message };
  return { statusCode: 500, code: 'internal_error', message: 'Something went wrong on our side.' };
}

/** True for requests that want JSON back: the API, and scripts that ask for it. */
export function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

const PAGES: Record<number, { title: string; paragraphs: string[] }> = {
  400: { title: 'There is a problem with your request', paragraphs: ['Check what you entered and try again.'] },
  401: { title: 'You need to sign in', paragraphs: ['Sign in to see this page.'] },
  403: { title: 'You do not have permission to see this page', paragraphs: ['If you think you should, contact your organisation’s account administrator.'] },
  404: {
    title: 'Page not found',
    paragraphs: ['If you typed the web address, check it was correct.', 'If you pasted the web address, check you copied the entire address.'],
  },
  413: { title: 'What you sent is too large', paragraphs: ['Send a smaller file or a shorter form and try again.'] },
  429: { title: 'Too many requests', paragraphs: ['You have made a lot of requests in a short time. Wait a minute and try again.'] },
  500: { title: 'Sorry, there is a problem with the service', paragraphs: ['Try again later.', 'Anything you submitted has not been saved.'] },
  503: { title: 'Sorry, the service is unavailable', paragraphs: ['Try again later.'] },
};

function pageFor(classified: Classified): { title: string; paragraphs: string[] } {
  if (classified.statusCode === 409) {
    // A conflict's message says what already happened ("This request was decided on 3 May"), so show it.
    return { title: 'This cannot be done now', paragraphs: [classified.message, 'Reload the page to see the latest state.'] };
  }
  if (classified.code === 'csrf_token_invalid') {
    return { title: 'This form has expired', paragraphs: ['For your security, forms expire. Go back, reload the page and try again.'] };
  }
  return PAGES[classified.statusCode] ?? PAGES[classified.statusCode >= 500 ? 500 : 400]!;
}

async function sendError(request: FastifyRequest, reply: FastifyReply, classified: Classified, stack?: string) {
  if (classified.statusCode === 401 && !wantsJson(request)) {
    // A page that needs sign-in sends people to sign in and brings them back afterwards.
    const returnTo = request.method === 'GET' ? request.url : (request.headers.referer ? new URL(request.headers.referer, 'http://x').pathname : '/');
    return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`, 303);
  }
  reply.status(classified.statusCode);
  if (wantsJson(request)) {
    return reply.send({ error: { code: classified.code, message: classified.message, details: classified.details ?? null } });
  }
  const page = pageFor(classified);
  const details = Array.isArray(classified.details) ? (classified.details as FieldError[]) : [];
  return reply.view('errors/error.njk', {
    ...page,
    paragraphs: classified.statusCode < 500 && details.length > 0 ? [...page.paragraphs, ...details.map((d) => `${d.field}: ${d.message}`)] : page.paragraphs,
    links: [{ href: '/', text: 'Go to the khub home page' }],
    reference: request.id,
    stack,
  });
}

/** One error handler and one not-found handler for the whole app: JSON under /api, NHS-style pages elsewhere. */
export function registerErrorHandlers(app: FastifyInstance, options: { showStack: boolean }): void {
  app.setNotFoundHandler(async (request, reply) => {
    const message = `No page or resource at ${request.method} ${request.url.split('?')[0]}`;
    return sendError(request, reply, { statusCode: 404, code: 'not_found', message });
  });

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const classified = classifyError(error);
    const context = { err: error, method: request.method, url: request.url, userId: request.session?.userId ?? null };
    if (classified.statusCode >= 500) request.log.error(context, 'request failed');
    else request.log.info({ ...context, err: undefined, code: classified.code }, 'request rejected');
    const stack = options.showStack && classified.statusCode >= 500 ? error.stack : undefined;
    return sendError(request, reply, classified, stack);
  });
}
