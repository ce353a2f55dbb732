import { type Kysely, sql } from 'kysely';
import { dialectOf } from '../dialect.js';

/**
 * On SQLite, `record_match_key` becomes a WITHOUT ROWID table keyed by (match_key, record_id): the
 * rowid table, the primary-key index and the match-key index were three B-trees written for every
 * key, and writing them was a seventh of an import's time; now there are two. PostgreSQL keeps its
 * heap and two indexes, which it writes at a fraction of the cost.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`create table record_match_key_new (
    match_key text not null,
    record_id integer not null references record (id) on delete cascade,
    primary key (match_key, record_id)
  ) without rowid`.execute(db);
  await sql`insert into record_match_key_new (match_key, record_id) select match_key, record_id from record_match_key`.execute(db);
  await sql`drop table record_match_key`.execute(db);
  await sql`alter table record_match_key_new rename to record_match_key`.execute(db);
  await sql`create index record_match_key_record_idx on record_match_key (record_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`create table record_match_key_old (
    record_id integer not null references record (id) on delete cascade,
    match_key text not null,
    constraint record_match_key_pk primary key (record_id, match_key)
  )`.execute(db);
  await sql`insert into record_match_key_old (record_id, match_key) select record_id, match_key from record_match_key`.execute(db);
  await sql`drop table record_match_key`.execute(db);
  await sql`alter table record_match_key_old rename to record_match_key`.execute(db);
  await sql`create index record_match_key_key_idx on record_match_key (match_key)`.execute(db);
}
