/** The facet columns on /metrics: whether they are loaded, for how many records, and how long a load took. */
import { Gauge, type Registry } from 'prom-client';
import type { FacetColumnCache } from './facet-column-cache.js';

export function facetColumnMetrics(registry: Registry, cache: FacetColumnCache): void {
  new Gauge({
    name: 'khub_facet_columns_records',
    help: 'Records held in the in-memory facet columns (0 until the first load finishes)',
    registers: [registry],
    collect() {
      this.set(cache.state().records);
    },
  });
  new Gauge({
    name: 'khub_facet_columns_loading',
    help: '1 while the facet columns are being (re)loaded from the index',
    registers: [registry],
    collect() {
      this.set(cache.state().loading ? 1 : 0);
    },
  });
  new Gauge({
    name: 'khub_facet_columns_load_seconds',
    help: 'Seconds the last completed load of the facet columns took',
    registers: [registry],
    collect() {
      this.set(cache.state().loadSeconds);
    },
  });
}
