/**
 * The facet columns: what facet counting reads of every indexed record (publication date, publication
 * types, languages, major headings, the journal the facet names), held in memory as compact arrays
 * indexed by record id. Counting a result set's facets is then a loop over its ids, where the SQL
 * counts (facet-counts.ts) read each kind's index rows again: 9.8 s for a 198,000-hit search at
 * 1,000,000 records. The columns are read from the same index tables, a few thousand records at a
 * time so a server stays responsive while it loads them, and carry the index version they were read
 * at (index/index-version.ts): a copy whose version is not the index's is never used.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { readIndexVersion } from '../index/index-version.js';
import { HEADING_NAME_PREFIX } from './facet-selection.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The kinds held as value lists (the year facet reads `pubStart`). */
export const VALUE_KINDS = ['publicationType', 'language', 'heading', 'journal'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/**
 * One kind's values per record: record `id` has `values[offsets[id]]` to `values[offsets[id + 1] - 1]`,
 * each an index into `keys`, without repeats.
 */
export interface ValueColumn {
  readonly keys: readonly string[];
  readonly offsets: Uint32Array;
  readonly values: Int32Array;
}

export interface FacetColumns {
  /** The index version the columns were read at. */
  readonly version: string;
  /** One more than the highest record id held. */
  readonly size: number;
  /** Indexed records held. */
  readonly records: number;
  /** Each record's `pub_start` (yyyymmdd); 0 when it has none. */
  readonly pubStart: Int32Array;
  readonly kinds: Readonly<Record<ValueKind, ValueColumn>>;
}

export interface BuildOptions {
  /** Records (by id range) read per step; the loader yields to other work between steps. */
  readonly step?: number;
  /** Asked between steps: true stops the build (it then returns undefined). */
  readonly stopped?: () => boolean;
}

/** An ISSN key (`0028 4793`, `1234 567x`), as facet-filters.ts tells them from journal names. */
export function isIssnKey(key: string): boolean {
  return key.length === 9 && key[4] === ' ' && /^[0-9x]*$/.test(key.replace(/ /g, ''));
}

const characters = (text: string) => [...text].length;

/** The journal key the facet names a record by: the longest that is not an ISSN, ties to the greater. */
export function chosenJournalKey(keys: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const key of keys) {
    if (isIssnKey(key)) continue;
    if (best === undefined || characters(key) > characters(best) || (characters(key) === characters(best) && key > best)) best = key;
  }
  return best;
}

/** Grows a column record by record, in ascending id order. */
class ColumnBuilder {
  private readonly dictionary = new Map<string, number>();
  private readonly keys: string[] = [];
  private values = new Int32Array(1024);
  private length = 0;
  private nextId = 0;
  readonly offsets: Uint32Array;

  constructor(size: number) {
    this.offsets = new Uint32Array(size + 1);
  }

  /** Records below `id` that were not added hold no values. */
  private skipTo(id: number): void {
    while (this.nextId < id) this.offsets[++this.nextId] = this.length;
  }

  add(id: number, recordKeys: Iterable<string>): void {
    this.skipTo(id);
    const start = this.length;
    for (const key of recordKeys) {
      let index = this.dictionary.get(key);
      if (index === undefined) {
        index = this.keys.length;
        this.dictionary.set(key, index);
        this.keys.push(key);
      }
      if (this.values.subarray(start, this.length).includes(index)) continue;
      if (this.length === this.values.length) {
        const grown = new Int32Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      this.values[this.length++] = index;
    }
    this.offsets[id + 1] = this.length;
    this.nextId = id + 1;
  }

  finish(size: number): ValueColumn {
    this.skipTo(size);
    return { keys: this.keys, offsets: this.offsets, values: this.values.slice(0, this.length) };
  }
}

interface ValueRow {
  record_id: number | string;
  kind: string;
  value_key: string;
}
interface HeadingRow {
  record_id: number | string;
  heading_key: string;
}

/** Groups rows by record id (ascending), with a key of each. */
function byRecord<T extends { record_id: number | string }>(rows: readonly T[], key: (row: T) => string): Map<number, string[]> {
  const grouped = new Map<number, string[]>();
  for (const row of rows) {
    const id = Number(row.record_id);
    const list = grouped.get(id);
    if (list) list.push(key(row));
    else grouped.set(id, [key(row)]);
  }
  return new Map([...grouped].sort((a, b) => a[0] - b[0]));
}

const yieldToOtherWork = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Reads the facet columns from the index. Returns undefined when stopped, or when the index changed
 * while it was read (the copy would mix two versions).
 *
 * ### Examples
 * const columns = await buildFacetColumns(db)  // { version: '42', size: 1000001, pubStart: Int32Array, kinds: { … } }
 */
export async function buildFacetColumns(db: Db, options: BuildOptions = {}): Promise<FacetColumns | undefined> {
  const step = options.step ?? 5_000;
  const version = await readIndexVersion(db);
  const highest = await db.selectFrom('search_document').select((eb) => eb.fn.max('record_id').as('id')).executeTakeFirst();
  const size = Number(highest?.id ?? 0) + 1;
  const pubStart = new Int32Array(size);
  const builders = Object.fromEntries(VALUE_KINDS.map((kind) => [kind, new ColumnBuilder(size)])) as Record<ValueKind, ColumnBuilder>;
  let records = 0;
  for (let from = 0; from < size; from += step) {
    if (options.stopped?.()) return undefined;
    const to = from + step;
    const documents = await sql<{ record_id: number | string; pub_start: number | string | null }>`
      select record_id, pub_start from search_document where record_id >= ${from} and record_id < ${to}`.execute(db);
    for (const row of documents.rows) pubStart[Number(row.record_id)] = Number(row.pub_start ?? 0);
    records += documents.rows.length;
    // `kind || ''`: the kind is not indexable then, so SQLite reads the range by record id instead of
    // every row of the three kinds.
    const values = await sql<ValueRow>`
      select record_id, kind, value_key from search_value
      where record_id >= ${from} and record_id < ${to} and kind || '' in ('publicationType', 'language', 'journal')`.execute(db);
    for (const kind of ['publicationType', 'language'] as const) {
      for (const [id, keys] of byRecord(values.rows.filter((row) => row.kind === kind), (row) => row.value_key)) builders[kind].add(id, keys);
    }
    for (const [id, keys] of byRecord(values.rows.filter((row) => row.kind === 'journal'), (row) => row.value_key)) {
      const chosen = chosenJournalKey(keys);
      if (chosen !== undefined) builders.journal.add(id, [chosen]);
    }
    const headings = await sql<HeadingRow>`
      select record_id, coalesce(descriptor_ui, ${sql.lit(HEADING_NAME_PREFIX)} || name_key) as heading_key from search_heading
      where record_id >= ${from} and record_id < ${to} and (major = 1 or qualifier_major = 1)`.execute(db);
    for (const [id, keys] of byRecord(headings.rows, (row) => row.heading_key)) builders.heading.add(id, keys);
    await yieldToOtherWork();
  }
  if ((await readIndexVersion(db)) !== version) return undefined;
  const kinds = Object.fromEntries(VALUE_KINDS.map((kind) => [kind, builders[kind].finish(size)])) as Record<ValueKind, ValueColumn>;
  return { version, size, records, pubStart, kinds };
}

/** Bytes the columns take (typed arrays and key text), for the server's log. */
export function columnBytes(columns: FacetColumns): number {
  let bytes = columns.pubStart.byteLength;
  for (const kind of VALUE_KINDS) {
    const column = columns.kinds[kind];
    bytes += column.offsets.byteLength + column.values.byteLength + column.keys.reduce((sum, key) => sum + 2 * key.length + 16, 0);
  }
  return bytes;
}
