/**
 * A secondary index of the search tables dropped for a bulk build (migration 0022), with the SQL that
 * creates it again. Rows exist only between the start of a build from empty and its end; a row left
 * behind means a build was interrupted, and the next sync creates the index first.
 */
export interface SearchDeferredIndexTable {
  name: string;
  definition: string;
}
