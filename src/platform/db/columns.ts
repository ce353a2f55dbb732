import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';
import { dialectOf } from './dialect.js';

/** Column types that differ between the engines, for migrations. */
export interface ColumnTypes {
  /** Auto-incrementing integer primary key. */
  readonly id: 'integer' | 'bigserial';
  /** A point in time; the app always sees an ISO-8601 UTC string. */
  readonly timestamp: 'text' | 'timestamptz';
  /** A column that references another table's `id`. */
  readonly ref: 'integer' | 'bigint';
  /** A floating-point number (WTE figures and the like). */
  readonly float: 'real' | 'double precision';
}

export function columnTypes(db: Kysely<unknown>): ColumnTypes {
  return dialectOf(db) === 'postgres'
    ? { id: 'bigserial', ref: 'bigint', timestamp: 'timestamptz', float: 'double precision' }
    : { id: 'integer', ref: 'integer', timestamp: 'text', float: 'real' };
}

/** Adds the `id` primary key column the same way on both engines. */
export function withId<T extends string>(table: CreateTableBuilder<T>, db: Kysely<unknown>): CreateTableBuilder<T, 'id'> {
  const types = columnTypes(db);
  return table.addColumn('id', types.id, (col: ColumnDefinitionBuilder) =>
    types.id === 'integer' ? col.primaryKey().autoIncrement() : col.primaryKey(),
  );
}
