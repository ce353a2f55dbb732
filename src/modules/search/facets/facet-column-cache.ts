/**
 * A server's copy of the facet columns. A search asks for it with the index version in hand: a copy
 * read at that version is used, anything else is not (the caller counts in SQL) and starts a fresh
 * copy loading in the background. Loads are spaced out, so a long import that changes the index
 * every second does not keep the server re-reading it; until the index settles, counts come from SQL,
 * which is always current.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { type BuildOptions, type FacetColumns, buildFacetColumns, columnBytes } from './facet-columns.js';

export interface FacetColumnLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface FacetColumnCacheOptions {
  readonly log?: FacetColumnLog;
  /** The least time between the starts of two loads. */
  readonly minimumIntervalMs?: number;
  readonly build?: BuildOptions;
}

export class FacetColumnCache {
  private columns: FacetColumns | undefined;
  private loading: Promise<void> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private closed = false;
  private loadSeconds = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: FacetColumnCacheOptions = {},
  ) {}

  /** The columns when they were read at `version`; otherwise undefined, and a load is started if due. */
  columnsAt(version: string): FacetColumns | undefined {
    if (this.columns?.version === version) return this.columns;
    this.startLoad();
    return undefined;
  }

  /** Starts a load unless one is running, the last started too recently (`force` ignores that), or the cache is closed. */
  startLoad(force = false): void {
    const interval = this.options.minimumIntervalMs ?? 15_000;
    if (this.closed || this.loading || (!force && Date.now() - this.lastStart < interval)) return;
    this.lastStart = Date.now();
    this.loading = this.load().finally(() => {
      this.loading = undefined;
    });
  }

  /** What the cache holds, for the server's metrics. */
  state(): { readonly records: number; readonly loading: boolean; readonly loadSeconds: number } {
    return { records: this.columns?.records ?? 0, loading: this.loading !== undefined, loadSeconds: this.loadSeconds };
  }

  /** Settles when the load under way (if any) has finished. */
  async loaded(): Promise<void> {
    await this.loading;
  }

  /** Stops loading; later asks get nothing. */
  async close(): Promise<void> {
    this.closed = true;
    await this.loading;
    this.columns = undefined;
  }

  private async load(): Promise<void> {
    const started = performance.now();
    try {
      const columns = await buildFacetColumns(this.db, { ...this.options.build, stopped: () => this.closed });
      if (!columns || this.closed) return;
      this.columns = columns;
      const seconds = (performance.now() - started) / 1000;
      this.loadSeconds = seconds;
      this.options.log?.info({ records: columns.records, version: columns.version, megabytes: Math.round(columnBytes(columns) / 1_048_576), seconds: Number(seconds.toFixed(1)) }, 'facet columns loaded');
    } catch (error) {
      if (!this.closed) this.options.log?.warn({ err: error }, 'facet columns could not be loaded; facets are counted in SQL');
    }
  }
}

const caches = new WeakMap<object, FacetColumnCache>();

/** Keeps facet columns for this database handle: facet counting on it then uses them when current. */
export function enableFacetColumns(db: Kysely<Database>, options: FacetColumnCacheOptions = {}): FacetColumnCache {
  const cache = new FacetColumnCache(db, options);
  caches.set(db, cache);
  return cache;
}

/** The cache kept for this handle (not for a transaction: it may see rows the index version does not). */
export function facetColumnCacheOf(db: object): FacetColumnCache | undefined {
  return caches.get(db);
}
