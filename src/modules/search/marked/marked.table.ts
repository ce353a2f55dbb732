import type { Generated, Selectable } from 'kysely';

/**
 * A record someone marked from the search pages (PubMed's clipboard): kept per owner (`user:<id>` or
 * `session:<key>`, see web/search-owner.ts) so the list survives paging and new searches.
 */
export interface MarkedRecordTable {
  id: Generated<number>;
  owner: string;
  record_id: number;
  marked_at: string;
}

export type MarkedRecordRow = Selectable<MarkedRecordTable>;
