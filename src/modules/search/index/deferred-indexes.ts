/**
 * Secondary indexes left out while the index is built from empty. Inserting rows one page at a time
 * into a B-tree, GIN or RUM index costs far more than building the index once from the finished
 * table (a sort, then a bulk load): on PostgreSQL the RUM ranking index alone took ten times longer
 * maintained row by row. Definitions are read from the database's catalogue and kept in
 * `search_deferred_index` until they are created again, so the build restores exactly what the
 * migrations made, even after an interruption.
 */
import { type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.js';
import { dialectOf } from '../../../platform/db/dialect.js';

type Db = Kysely<Database> | Transaction<Database>;

/** Tables whose non-unique indexes are deferred (the vocabulary's key is needed while writing). */
const DEFERRED_TABLES = ['search_document', 'search_heading', 'search_value', 'search_rank'];

/** PostgreSQL builds indexes of different tables at the same time on separate connections. */
const POSTGRES_LANES = 2;

interface IndexDefinition {
  readonly name: string;
  readonly definition: string;
}

async function secondaryIndexes(db: Db): Promise<IndexDefinition[]> {
  if (dialectOf(db) === 'sqlite') {
    // Indexes SQLite makes for keys have no SQL; every other index of these tables is secondary.
    const { rows } = await sql<IndexDefinition>`select name, sql as definition from sqlite_master
      where type = 'index' and sql is not null and tbl_name in (${sql.join(DEFERRED_TABLES)}) order by name`.execute(db);
    return rows;
  }
  const { rows } = await sql<IndexDefinition>`select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i join pg_class c on c.oid = i.indexrelid join pg_class t on t.oid = i.indrelid
    where t.relnamespace = current_schema()::regnamespace and t.relname in (${sql.join(DEFERRED_TABLES)}) and not i.indisunique
    order by c.relname`.execute(db);
  return rows;
}

/** Drops the search tables' secondary indexes, remembering how to create them; call in the transaction that empties the index. */
export async function deferIndexes(trx: Transaction<Database>): Promise<number> {
  const indexes = await secondaryIndexes(trx);
  for (const { name, definition } of indexes) {
    await trx.insertInto('search_deferred_index').values({ name, definition }).execute();
    await sql`drop index ${sql.id(name)}`.execute(trx);
  }
  return indexes.length;
}

/** How many indexes are waiting to be created again. */
export async function countDeferredIndexes(db: Db): Promise<number> {
  const row = await db.selectFrom('search_deferred_index').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The big inverted indexes first, so that on PostgreSQL they build side by side rather than one after the other. */
const cost = (definition: string) => (/using (gin|rum)/i.test(definition) ? 0 : 1);

async function createOne(db: Kysely<Database>, index: IndexDefinition): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // A bulk build sorts in memory up to this much before it spills to disk (the default is 64 MB).
    if (dialectOf(trx) === 'postgres') await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    await sql.raw(index.definition).execute(trx);
    await trx.deleteFrom('search_deferred_index').where('name', '=', index.name).execute();
  });
}

/**
 * Creates every deferred index (each in its own transaction, so an interruption keeps those done),
 * then on PostgreSQL refreshes the planner's statistics of the rebuilt tables.
 */
export async function restoreIndexes(db: Kysely<Database>, onProgress?: (created: number, total: number) => void): Promise<number> {
  const waiting = await db.selectFrom('search_deferred_index').select(['name', 'definition']).orderBy('name').execute();
  if (waiting.length === 0) return 0;
  const queue = [...waiting].sort((a, b) => cost(a.definition) - cost(b.definition));
  const postgres = dialectOf(db) === 'postgres';
  let created = 0;
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      await createOne(db, next);
      created += 1;
      onProgress?.(created, waiting.length);
    }
  };
  // Settled, not all: a failing lane must not leave the other building on a connection about to close.
  const lanes = await Promise.allSettled(Array.from({ length: postgres ? POSTGRES_LANES : 1 }, lane));
  for (const result of lanes) if (result.status === 'rejected') throw result.reason;
  if (postgres) await sql`analyze ${sql.join(['search_document', 'search_heading', 'search_value', 'search_term', 'search_rank'].map((t) => sql.table(t)))}`.execute(db);
  return waiting.length;
}
