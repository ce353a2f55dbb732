import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { RateLimiter, realClock } from './rate-limiter.js';

export const EUTILS_BASE_URL = 'https://eutils.ncbi.nlm.nih.gov/entrez/eutils';

/** PubMed's history server serves at most this many records of one search. */
export const EUTILS_MAX_RECORDS = 10_000;

export interface EutilsOptions {
  /** NCBI's E-utilities address; tests point it at a local stand-in server. */
  readonly baseUrl?: string;
  /** Raises the rate limit from 3 to 10 requests a second. */
  readonly apiKey?: string;
  /** NCBI asks tools to identify themselves and give a contact address. */
  readonly tool?: string;
  readonly email?: string;
  /** Records per efetch request (NCBI suggests up to 500 for XML). */
  readonly batchSize?: number;
  /** Attempts per request before giving up on transient failures (429, 5xx, network errors). */
  readonly attempts?: number;
  readonly clock?: { now(): number; sleep(ms: number): Promise<void> };
}

export interface SearchResult {
  readonly count: number;
  readonly webEnv: string;
  readonly queryKey: string;
}

export class EutilsError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'EutilsError';
  }
}

const TRANSIENT = new Set([429, 500, 502, 503, 504]);

/** A client for NCBI E-utilities: esearch with the history server, then efetch in batches, politely. */
export class EutilsClient {
  readonly #base: string;
  readonly #limiter: RateLimiter;
  readonly #clock;

  constructor(private readonly options: EutilsOptions = {}) {
    this.#base = (options.baseUrl ?? EUTILS_BASE_URL).replace(/\/+$/, '');
    this.#clock = options.clock ?? realClock;
    this.#limiter = new RateLimiter(options.apiKey ? 10 : 3, this.#clock);
  }

  #url(path: string, params: Record<string, string>): string {
    const query = new URLSearchParams({ ...params, tool: this.options.tool ?? 'khub' });
    if (this.options.email) query.set('email', this.options.email);
    if (this.options.apiKey) query.set('api_key', this.options.apiKey);
    return `${this.#base}/${path}?${query.toString()}`;
  }

  /** Fetches with the rate limit, retrying transient failures with growing waits (honouring Retry-After). */
  async #request(url: string): Promise<Response> {
    const attempts = this.options.attempts ?? 5;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt += 1) {
      await this.#limiter.acquire();
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
        if (response.ok) return response;
        if (!TRANSIENT.has(response.status)) throw new EutilsError(`NCBI answered ${response.status} ${response.statusText}`, response.status);
        lastError = new EutilsError(`NCBI answered ${response.status} ${response.statusText}`, response.status);
        await response.body?.cancel();
        const retryAfter = Number(response.headers.get('retry-after'));
        await this.#clock.sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 500 * 2 ** (attempt - 1));
      } catch (error) {
        if (error instanceof EutilsError && error.status !== undefined && !TRANSIENT.has(error.status)) throw error;
        lastError = error;
        if (attempt < attempts) await this.#clock.sleep(500 * 2 ** (attempt - 1));
      }
    }
    const reason = lastError instanceof Error ? lastError.message : String(lastError);
    throw new EutilsError(`gave up after ${attempts} attempts: ${reason}`);
  }

  /** Runs a PubMed search on the history server; the result names it for efetch. */
  async search(query: string): Promise<SearchResult> {
    const response = await this.#request(this.#url('esearch.fcgi', { db: 'pubmed', term: query, usehistory: 'y', retmax: '0', retmode: 'json' }));
    const body = (await response.json()) as { esearchresult?: { count?: string; webenv?: string; querykey?: string; ERROR?: string }; error?: string };
    const result = body.esearchresult;
    if (!result || result.ERROR || body.error || !result.webenv || !result.querykey) {
      throw new EutilsError(`PubMed search failed: ${result?.ERROR ?? body.error ?? 'no history returned'}`);
    }
    return { count: Number(result.count ?? 0), webEnv: result.webenv, queryKey: result.querykey };
  }

  /** One batch of records from a search, as PubMed XML to stream into the XML importer. */
  async fetchBatch(search: SearchResult, start: number, size: number): Promise<Readable> {
    const url = this.#url('efetch.fcgi', {
      db: 'pubmed',
      query_key: search.queryKey,
      WebEnv: search.webEnv,
      retstart: String(start),
      retmax: String(size),
      retmode: 'xml',
    });
    const response = await this.#request(url);
    if (!response.body) throw new EutilsError('efetch returned no body');
    return Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  }

  /**
   * Every batch of a search, up to `max` records (and at most the history server's 10,000), in order.
   *
   * ### Examples
   * for await (const { xml, start } of client.fetchAll('asthma[mh] AND 2020[dp]', { max: 1000 })) …
   */
  async *fetchAll(query: string, options: { max?: number } = {}): AsyncGenerator<{ xml: Readable; start: number; size: number; total: number }> {
    const search = await this.search(query);
    const total = Math.min(search.count, options.max ?? Number.POSITIVE_INFINITY, EUTILS_MAX_RECORDS);
    const batch = this.options.batchSize ?? 500;
    for (let start = 0; start < total; start += batch) {
      const size = Math.min(batch, total - start);
      yield { xml: await this.fetchBatch(search, start, size), start, size, total };
    }
  }
}
