import { PostgresAdapter } from 'kysely';

/** The two SQL engines khub runs on. */
export type DialectName = 'sqlite' | 'postgres';

/** Tells which engine a Kysely instance talks to, for the few places where SQL must differ. */
export function dialectOf(db: { getExecutor(): { readonly adapter: object } }): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** True when the URL names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}
