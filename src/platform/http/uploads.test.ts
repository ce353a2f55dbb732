import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { TestAgent } from '../../../test/helpers/agent.js';
import { build } from '../../../test/helpers/build-app.js';

function uploadRoute(app: FastifyInstance): void {
  app.get('/test/upload', async (_request, reply) => reply.type('text/html').send(`<input type="hidden" name="_csrf" value="${reply.generateCsrf()}">`));
  app.post('/test/upload', async (request) => {
    const body = request.body as { note?: string; file?: Buffer };
    return { note: body.note, bytes: body.file?.length ?? 0 };
  });
}

function multipart(fields: Record<string, string>, file: { name: string; content: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = '----khubtest';
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(parts.join('') + head), file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

describe('file uploads', () => {
  it('accepts a multipart form whose CSRF token is a field, with the file in the body', async (t) => {
    const agent = new TestAgent(await build(t, { routes: uploadRoute }));
    await agent.get('/test/upload');
    const { payload, contentType } = multipart({ _csrf: agent.csrfToken ?? '', note: 'ods' }, { name: 'etr.csv', content: Buffer.from('a,b\n1,2\n') });
    const response = await agent.request({ method: 'POST', url: '/test/upload', headers: { 'content-type': contentType }, payload });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { note: 'ods', bytes: 8 });
  });

  it('refuses a multipart form without the CSRF field', async (t) => {
    const agent = new TestAgent(await build(t, { routes: uploadRoute }));
    await agent.get('/test/upload');
    const { payload, contentType } = multipart({ note: 'ods' }, { name: 'etr.csv', content: Buffer.from('x') });
    const response = await agent.request({ method: 'POST', url: '/test/upload', headers: { 'content-type': contentType }, payload });
    assert.equal(response.statusCode, 403);
  });

  it('answers a file over the limit with 413', async (t) => {
    const agent = new TestAgent(await build(t, { routes: uploadRoute }));
    await agent.get('/test/upload');
    const big = Buffer.alloc(51 * 1_048_576, 97);
    const { payload, contentType } = multipart({ _csrf: agent.csrfToken ?? '' }, { name: 'big.csv', content: big });
    const response = await agent.request({ method: 'POST', url: '/test/upload', headers: { 'content-type': contentType }, payload });
    assert.equal(response.statusCode, 413);
    assert.match(response.body, /too large/);
  });
});
