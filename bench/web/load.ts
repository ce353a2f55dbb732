/**
 * A closed-loop HTTP load generator: `clients` connections, each sending its next request as soon as
 * the last one answered, for a fixed time, over keep-alive sockets on loopback. Latency is measured
 * per request from sending to the last byte of the body.
 */
import { Agent, request } from 'node:http';
import { type Spread, spread } from '../search/stats.js';

export interface LoadOptions {
  readonly port: number;
  /** Paths to request in turn (each client starts at a different one). */
  readonly paths: readonly string[];
  readonly clients: number;
  readonly seconds: number;
  /** Seconds of requests before measuring starts, not counted. */
  readonly warmupSeconds: number;
}

export interface LoadResult {
  readonly requests: number;
  readonly perSecond: number;
  readonly latencyMs: Spread;
  /** Answers other than 2xx, by status (0 = connection error). */
  readonly failures: Readonly<Record<string, number>>;
}

const REQUEST_TIMEOUT_MS = 60_000;

let sent = 0;

function get(agent: Agent, port: number, path: string): Promise<number> {
  sent += 1;
  return new Promise((resolve) => {
    const req = request(
      // Each request comes from another address as far as the per-address rate limit is concerned (the
      // server trusts the proxy header): the benchmark stands for many people, not 20 very busy ones.
      { host: '127.0.0.1', port, path, agent, headers: { 'x-forwarded-for': `10.${(sent >> 16) & 255}.${(sent >> 8) & 255}.${sent & 255}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    // A request still unanswered after a minute counts as failed (status 0), so a run always ends.
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy());
    req.end();
  });
}

/** Runs the load and returns throughput and latency over the measured window. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const started = performance.now();
  const measureFrom = started + options.warmupSeconds * 1000;
  const stopAt = measureFrom + options.seconds * 1000;
  const client = async (id: number) => {
    let next = (id * 7) % options.paths.length;
    while (performance.now() < stopAt) {
      const path = options.paths[next] as string;
      next = (next + 1) % options.paths.length;
      const sent = performance.now();
      const status = await get(agent, options.port, path);
      if (sent < measureFrom) continue;
      latencies.push(performance.now() - sent);
      if (status < 200 || status > 299) failures[String(status)] = (failures[String(status)] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.clients }, (_, id) => client(id)));
  agent.destroy();
  const window = (Math.max(performance.now(), stopAt) - measureFrom) / 1000;
  return { requests: latencies.length, perSecond: latencies.length / window, latencyMs: spread(latencies), failures };
}
