import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * A minimal browser for route tests: keeps cookies between requests and reads the CSRF token
 * from the last page's `_csrf` field, so tests submit forms the way a person does.
 */
export class TestAgent {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await this.app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...options.headers } });
    for (const c of response.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url });
  }

  /** Submits a form as application/x-www-form-urlencoded, adding the CSRF token unless told not to. */
  submit(url: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    const withToken = options.csrf === false || !this.csrfToken ? fields : { _csrf: this.csrfToken, ...fields };
    return this.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(withToken).toString(),
    });
  }
}
