import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the stand-in received: the E-utility and its query parameters. */
export interface SeenRequest {
  readonly utility: string;
  readonly params: URLSearchParams;
}

export interface StandInOptions {
  /** PubMed XML for each efetch, given retstart and retmax. */
  readonly efetch: (start: number, size: number) => string;
  readonly count: number;
  /** Status codes to answer with before succeeding, per utility (e.g. { efetch: [503, 429] }). */
  readonly failures?: Partial<Record<'esearch' | 'efetch', number[]>>;
}

/**
 * A local stand-in for NCBI E-utilities, so tests never reach the internet: esearch answers with a
 * history WebEnv, efetch serves fixture XML, and chosen requests fail first to exercise retries.

 */
export async function startEutilsStandIn(options: StandInOptions): Promise<{ url: string; requests: SeenRequest[]; close(): Promise<void> }> {
  const requests: SeenRequest[] = [];
  const failures = { esearch: [...(options.failures?.esearch ?? [])], efetch: [...(options.failures?.efetch ?? [])] };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const utility = url.pathname.split('/').pop()?.replace('.fcgi', '') ?? '';
    requests.push({ utility, params: url.searchParams });
    const failure = utility === 'esearch' || utility === 'efetch' ? failures[utility].shift() : undefined;
    if (failure) {
      res.writeHead(failure, failure === 429 ? { 'retry-after': '1' } : {}).end('busy');
      return;
    }
    if (utility === 'esearch') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ esearchresult: { count: String(options.count), retmax: '0', webenv: 'MCID_test', querykey: '1' } }));
      return;
    }
    if (utility === 'efetch') {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(options.efetch(Number(url.searchParams.get('retstart')), Number(url.searchParams.get('retmax'))));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/entrez/eutils`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** A minimal PubMed XML page of articles with consecutive PMIDs, for stand-in responses. */
export function syntheticPubmedXml(firstPmid: number, size: number): string {
  const articles = Array.from({ length: size }, (_, i) => {
    const pmid = firstPmid + i;
    return `<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM"><PMID Version="1">${pmid}</PMID><Article><Journal><Title>Test Journal</Title><JournalIssue><PubDate><Year>2020</Year></PubDate></JournalIssue></Journal><ArticleTitle>Article ${pmid}</ArticleTitle></Article></MedlineCitation></PubmedArticle>`;
  });
  return `<?xml version="1.0"?>\n<PubmedArticleSet>${articles.join('')}</PubmedArticleSet>\n`;
}
